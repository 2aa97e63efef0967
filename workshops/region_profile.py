from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from regions.models import Region
from saphire.profile import ProfileSection
from workshops import selectors


def sections(*, region: Region, user: User) -> list[ProfileSection]:
    """The region's voted priorities and its next events (three queries)."""
    events = list(
        selectors.event_visible(user=user)
        .filter(host_regions=region, ends_at__gte=timezone.now())
        .exclude(status="cancelled")
        .order_by("starts_at")[:5]
    )
    return [
        ProfileSection(
            title=_("Workshop priorities"),
            template="workshops/_region_priorities.html",
            context={"priorities": selectors.region_priorities(region_id=region.pk), "events": events},
        )
    ]
