"""A small set of real NUTS 2021 regions for a portal that starts with no NUTS file and no network.

The regions live in data/fallback_regions.yaml (code, level, Latin name, national name); this
module reads them into the rows `regions.services` creates.
"""

from pathlib import Path

from saphire.datafiles import read_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "fallback_regions.yaml"


def _load() -> tuple[int, list[tuple[str, int, str, str]]]:
    data = read_yaml(DATA_FILE)
    rows = [(row["code"], row["level"], row["name"], row["name_national"]) for row in data["regions"]]
    return data["nuts_version"], rows


# Read once at import: a few dozen rows, and the services iterate them as plain tuples.
FALLBACK_NUTS_VERSION, FALLBACK_REGIONS = _load()
