from regions import services
from regions.models import Region


def load(*, stdout) -> None:
    if not Region.objects.exists():
        created = services.regions_load_fallback()
        stdout.write(f"Regions: loaded {created} built-in regions.")
    else:
        stdout.write(f"Regions: {Region.objects.count()} already present.")
