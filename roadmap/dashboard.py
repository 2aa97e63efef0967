from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from regions.models import Region
from roadmap.models import Module, RegionRoadmap
from saphire import roles
from saphire.dashboard import Panel, PanelItem


def panels(user: User) -> list[Panel]:
    """Coordinators: modules with unpublished changes. Officials: their regions' roadmaps."""
    result = []
    if roles.is_coordinator(user):
        pending = list(Module.objects.filter(has_unpublished_changes=True).order_by("code").only("code", "title")[:10])
        result.append(
            Panel(
                title=_("Modules waiting to be published"),
                items=[
                    PanelItem(label=f"{m.code} {m.title}", url=reverse("roadmap:module-edit", args=[m.code]))
                    for m in pending
                ],
                empty_text=_("Every module is published."),
                action_label=_("Module library"),
                action_url=reverse("roadmap:library"),
            )
        )
    region_ids = roles.official_region_ids(user)
    if region_ids:
        regions = list(Region.objects.filter(pk__in=region_ids).order_by("code")[:10])
        roadmaps = {r.region_id: r for r in RegionRoadmap.objects.filter(region_id__in=region_ids)}
        items = []
        for region in regions:
            roadmap = roadmaps.get(region.pk)
            if roadmap is None:
                detail = _("not started")
            elif roadmap.has_unpublished_changes:
                detail = _("unpublished changes")
            else:
                detail = _("published")
            items.append(
                PanelItem(
                    label=f"{region.code} {region.name}",
                    url=reverse("roadmap:builder", args=[region.code]),
                    detail=detail,
                )
            )
        result.append(Panel(title=_("Your regions' roadmaps"), items=items))
    return result
