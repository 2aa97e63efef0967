from django.utils.translation import gettext as _

from accounts.models import User
from mapping import analytics, permissions
from mapping.models import Finding, Response, Theme
from regions.models import Region
from saphire.profile import ProfileSection


def sections(*, region: Region, user: User) -> list[ProfileSection]:
    scores = analytics.region_theme_scores(region_ids=[region.pk]).get(region.pk, {})
    themes = list(Theme.objects.filter(is_active=True))
    latest = None
    if permissions.can_view_raw_answers(user, region.pk):  # the public sees aggregates only: no query for them
        latest = (
            Response.objects.filter(region=region).select_related("campaign").order_by("-campaign__opens_on").first()
        )
    findings = list(
        Finding.objects.filter(region=region, status=Finding.Status.CONFIRMED)
        .select_related("theme")
        .only("kind", "title", "theme__code")
        .order_by("-severity", "theme__order", "theme__code")[:8]
    )
    return [
        ProfileSection(
            title=_("Gap and barrier mapping"),
            template="mapping/_profile_section.html",
            context={
                "rows": [(theme, scores.get(theme.code)) for theme in themes],
                "has_scores": bool(scores),
                "latest": latest,
                "findings": findings,
                "region": region,
            },
        )
    ]
