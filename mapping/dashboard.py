from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping import selectors
from mapping.models import Finding, Response
from saphire.dashboard import Panel, PanelItem
from saphire.roles import is_coordinator, official_region_ids


def panels(user: User) -> list[Panel]:
    result = []
    today = timezone.localdate()
    if official_region_ids(user):
        items = []
        rows = selectors.official_open_responses(user=user, today=today)
        general = selectors.open_general_comments(response_ids=[r.pk for _c, _r, r in rows if r is not None])
        for campaign, region, response in rows:
            if response and response.status in (Response.Status.SUBMITTED, Response.Status.ACCEPTED):
                detail = response.get_status_display()
            elif response:
                detail = _("%(status)s, %(p)s%% complete, due %(d)s") % {
                    "status": response.get_status_display(),
                    "p": response.progress,
                    "d": campaign.deadline.isoformat(),
                }
            else:
                detail = _("not started, due %(d)s") % {"d": campaign.deadline.isoformat()}
            items.append(
                PanelItem(
                    label=f"{campaign.title} · {region.code}",
                    url=reverse("mapping:response-open", kwargs={"campaign_pk": campaign.pk, "code": region.code}),
                    detail=detail,
                )
            )
            for comment in general.get(response.pk, []) if response else []:
                # The coordinator's general comment reaches the official here as well as in every section.
                items.append(
                    PanelItem(
                        label=_("Coordinator's comment on %(region)s") % {"region": region.code},
                        url=reverse("mapping:response-fill", kwargs={"pk": response.pk}) + f"#comment-{comment.pk}",
                        detail=comment.text[:300],
                    )
                )
        result.append(
            Panel(
                title=_("Mapping questionnaires"),
                items=items,
                empty_text=_("No questionnaire is open for your regions."),
            )
        )
    if is_coordinator(user):
        waiting = list(
            selectors.response_list(user=user).filter(status=Response.Status.SUBMITTED).order_by("submitted_at")[:10]
        )
        suggested = Finding.objects.filter(status=Finding.Status.SUGGESTED).count()
        items = [
            PanelItem(
                label=f"{r.region.code} · {r.campaign.title}",
                url=reverse("mapping:response-review", kwargs={"pk": r.pk}),
                detail=_("submitted"),
            )
            for r in waiting
        ]
        if suggested:
            items.append(
                PanelItem(
                    label=_("%(n)s suggested findings to confirm or dismiss") % {"n": suggested},
                    url=reverse("mapping:finding-list") + "?status=suggested",
                )
            )
        result.append(
            Panel(
                title=_("Mapping: waiting for review"),
                items=items,
                empty_text=_("No response is waiting for review."),
                action_label=_("Campaigns"),
                action_url=reverse("mapping:campaign-list"),
            )
        )
    return result
