from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from regions import selectors
from regions.maps import region_url
from regions.models import Organisation, Region
from saphire.dashboard import Panel, PanelItem
from saphire.roles import is_coordinator, official_region_ids

LIMIT = 10


def panels(user: User) -> list[Panel]:
    found = []
    if is_coordinator(user):
        pending = list(selectors.organisations_pending(user=user)[:LIMIT])
        found.append(
            Panel(
                title=_("Organisations awaiting approval"),
                items=[
                    PanelItem(
                        label=org.name,
                        url=reverse("regions:organisation-detail", kwargs={"pk": org.pk}),
                        detail=f"{org.region.code} · {org.get_kind_display()}",
                    )
                    for org in pending
                ],
                empty_text=_("No registration is waiting."),
                action_label=_("All organisations"),
                action_url=reverse("regions:organisation-list") + "?status=pending",
            )
        )
        changes = [
            PanelItem(
                label=revision.organisation.name,
                url=reverse("regions:organisation-detail", kwargs={"pk": revision.organisation_id}),
                detail=_("changes proposed"),
            )
            for revision in selectors.revisions_pending()[:LIMIT]
        ] + [
            PanelItem(
                label=f"{link.source.name} – {link.target.name}",
                url=reverse("regions:organisation-detail", kwargs={"pk": link.source_id}),
                detail=_("new link"),
            )
            for link in selectors.links_pending()[:LIMIT]
        ]
        found.append(
            Panel(
                title=_("Organisation changes awaiting review"),
                items=changes,
                empty_text=_("No change is waiting."),
            )
        )
    region_ids = official_region_ids(user)
    if region_ids:
        regions = Region.objects.filter(id__in=region_ids).defer("geometry").order_by("code")[:LIMIT]
        found.append(
            Panel(
                title=_("Your regions"),
                items=[
                    PanelItem(
                        label=f"{region.code} {region.name}",
                        url=region_url(region),
                        detail=_("NUTS %(level)s") % {"level": region.level},
                    )
                    for region in regions
                ],
            )
        )
        pending = list(
            Organisation.objects.filter(region_id__in=region_ids, status=Organisation.Status.PENDING)
            .select_related("region")
            .order_by("created_at")[:LIMIT]
        )
        if pending:
            found.append(
                Panel(
                    title=_("Organisations registering in your regions"),
                    items=[
                        PanelItem(
                            label=org.name,
                            url=reverse("regions:organisation-detail", kwargs={"pk": org.pk}),
                            detail=_("awaiting a coordinator"),
                        )
                        for org in pending
                    ],
                )
            )
    if user.is_authenticated and not is_coordinator(user):
        mine = list(Organisation.objects.filter(submitted_by=user).select_related("region").order_by("name")[:LIMIT])
        found.append(
            Panel(
                title=_("Your organisations"),
                items=[
                    PanelItem(
                        label=org.name,
                        url=reverse("regions:organisation-detail", kwargs={"pk": org.pk}),
                        detail=org.get_status_display(),
                    )
                    for org in mine
                ],
                empty_text=_("Register your organisation in its regional ecosystem."),
                action_label=_("Register an organisation"),
                action_url=reverse("regions:organisation-register"),
            )
        )
    return found
