"""Role predicates shared by every app's permissions module.

Roles are `User.role` (administrator, coordinator, official, stakeholder) plus
scoping: an official answers for the regions of their RegionMembership rows. The core sits below
accounts, so it names the user by its Django base class.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


def is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_administrator


def is_coordinator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for coordinators and administrators."""
    return user.is_authenticated and user.is_coordinator


def official_region_ids(user: AbstractBaseUser | AnonymousUser) -> set[int]:
    """Ids of the regions this user is an official of (empty for everyone else)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_official_region_ids", None)
    if cached is None:
        cached = set(user.region_memberships.values_list("region_id", flat=True))
        user._official_region_ids = cached
    return cached


def is_official_of(user: AbstractBaseUser | AnonymousUser, region_id: int) -> bool:
    return region_id in official_region_ids(user)
