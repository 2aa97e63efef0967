"""The starter library: funding instruments and roadmap modules (the themes are mapping.themes).

Written from the domain facts in data/starter_modules.yaml, with named keys and texts per
language; each module names the themes it addresses, its prerequisites by code, the funding
instruments that fit it and its actions. `roadmap.demo.load_library` writes it to the database.
"""

from functools import cache
from pathlib import Path

from saphire.datafiles import read_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "starter_modules.yaml"


@cache
def library() -> dict:
    """The whole file: `funding_instruments` and `modules`, as written (read once)."""
    return read_yaml(DATA_FILE)


def funding_instruments() -> list[dict]:
    return library()["funding_instruments"]


def modules() -> list[dict]:
    return library()["modules"]
