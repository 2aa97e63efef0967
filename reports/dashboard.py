from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from reports.models import Report, ReportBatch
from saphire.dashboard import Panel, PanelItem
from saphire.roles import is_coordinator, official_region_ids


def panels(user: User) -> list[Panel]:
    if is_coordinator(user):
        return [_coordinator_panel()]
    region_ids = official_region_ids(user)
    if region_ids:
        return [_official_panel(region_ids)]
    return []


def _coordinator_panel() -> Panel:
    counts = Report.objects.aggregate(
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in Report.Status},
        unpublished=Count("pk", filter=Q(status=Report.Status.DONE, published_at__isnull=True)),
    )
    items = [
        PanelItem(
            label=_("%(n)s reports waiting to be published") % {"n": counts["unpublished"]},
            url=reverse("reports:report-list") + "?status=done",
        ),
        PanelItem(
            label=_("%(n)s reports failed") % {"n": counts["failed"]},
            url=reverse("reports:report-list") + "?status=failed",
        ),
        PanelItem(label=_("%(n)s reports queued or running") % {"n": counts["queued"] + counts["running"]}),
    ]
    latest = ReportBatch.objects.order_by("-created_at").first()
    if latest is not None:
        items.append(
            PanelItem(
                label=_("Latest batch: %(title)s") % {"title": latest.title},
                url=reverse("reports:batch-detail", args=[latest.pk]),
            )
        )
    return Panel(
        title=_("Recommendation reports"),
        items=items,
        action_label=_("Build reports"),
        action_url=reverse("reports:report-list"),
    )


def _official_panel(region_ids: set[int]) -> Panel:
    reports = list(
        Report.objects.filter(region_id__in=region_ids).select_related("region").order_by("-requested_at")[:5]
    )
    return Panel(
        title=_("Your regions' reports"),
        items=[
            PanelItem(
                label=f"{r.region.name}: {r.get_status_display()}",
                url=reverse("reports:report-detail", args=[r.pk]),
                detail=_("published") if r.is_published else _("draft"),
            )
            for r in reports
        ],
        empty_text=_("No report has been built for your regions yet."),
        action_label=_("Reports"),
        action_url=reverse("reports:report-list"),
    )
