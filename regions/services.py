from django.db import transaction

from regions.fallback import FALLBACK_NUTS_VERSION, FALLBACK_REGIONS
from regions.models import Region


@transaction.atomic
def regions_load_fallback() -> int:
    """Create the built-in set of real regions (no shapes) where missing; returns how many were created."""
    created = 0
    by_code: dict[str, Region] = {}
    for code, level, name, name_national in sorted(FALLBACK_REGIONS, key=lambda row: row[1]):
        region, was_created = Region.objects.get_or_create(
            code=code,
            nuts_version=FALLBACK_NUTS_VERSION,
            defaults={
                "level": level,
                "country_code": code[:2],
                "name": name,
                "name_national": name_national,
                "parent": by_code.get(code[:-1]) if level else None,
            },
        )
        by_code[code] = region
        created += was_created
    return created
