"""What the regions app adds to a person's account: regions of interest, invited memberships, their data."""

from django.db import transaction

from regions.models import Region, RegionMembership


def interest_choices() -> list[tuple[str, str]]:
    # Countries and NUTS-1/2 regions: a person follows a region at the level its roadmap is made.
    rows = Region.objects.filter(level__lte=2).order_by("code", "-nuts_version").values_list("code", "name")
    seen: dict[str, str] = {}
    for code, name in rows:
        seen.setdefault(code, f"{code} {name}")
    return list(seen.items())


@transaction.atomic
def invitation_grant(*, user, region_codes: list[str]) -> None:
    """Memberships of the invited regions, in their newest NUTS version."""
    regions = {}
    for region in Region.objects.filter(code__in=region_codes).order_by("nuts_version"):
        regions[region.code] = region
    for region in regions.values():
        RegionMembership.objects.get_or_create(user=user, region=region)


def export(user) -> dict:
    return {
        "region_memberships": [
            {"region": code, "since": created.isoformat()}
            for code, created in RegionMembership.objects.filter(user=user).values_list("region__code", "created_at")
        ]
    }


def erase(user) -> None:
    RegionMembership.objects.filter(user=user).delete()
