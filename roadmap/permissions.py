"""Who may do what in the roadmap app (reads are scoped in selectors, writes checked here)."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from regions.models import Region
from roadmap.models import Pilot
from saphire import roles

AnyUser = User | AnonymousUser


def can_curate_modules(user: AnyUser) -> bool:
    return roles.is_coordinator(user)


def can_edit_roadmap(user: AnyUser, region: Region) -> bool:
    """Coordinators, and the region's own officials."""
    return roles.is_coordinator(user) or roles.is_official_of(user, region.pk)


def can_publish_roadmap(user: AnyUser, region: Region) -> bool:
    return can_edit_roadmap(user, region)


def can_edit_pilot(user: AnyUser, pilot: Pilot | None = None) -> bool:
    return roles.is_coordinator(user)


def can_view_pilot(user: AnyUser, pilot: Pilot) -> bool:
    return pilot.status != Pilot.Status.DRAFT or roles.is_coordinator(user)
