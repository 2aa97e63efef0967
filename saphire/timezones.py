"""The time zones a person can choose: canonical IANA names, without deprecated aliases."""

from functools import cache
from importlib import resources
from urllib.parse import unquote
from zoneinfo import available_timezones


@cache
def canonical_timezones() -> tuple[str, ...]:
    """Sorted IANA zones that name a place today (those of tzdata's zone.tab), plus UTC.

    zone.tab lists one zone per populated area and never a backward-compatibility link, so
    Europe/Kyiv is there and Europe/Kiev, US/Eastern, Asia/Calcutta or Etc/GMT+1 are not.
    """
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    listed = {line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")}
    return tuple(sorted(listed & available_timezones())) + ("UTC",)


def is_canonical_timezone(name: str) -> bool:
    return name in canonical_timezones()


def timezone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The canonical zones grouped by area ("Europe", "America"...), for a select with optgroups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in canonical_timezones():
        area, _sep, place = name.partition("/")
        groups.setdefault(area if place else "UTC", []).append((name, name.replace("_", " ")))
    return list(groups.items())


# The zone of each country's regions, by NUTS code prefix (longest wins): most countries keep one zone,
# the outermost regions and a few islands keep their own.
REGION_ZONES = {
    "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "CH": "Europe/Zurich",
    "CY": "Asia/Nicosia", "CZ": "Europe/Prague", "DE": "Europe/Berlin", "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn", "EL": "Europe/Athens", "ES": "Europe/Madrid", "ES7": "Atlantic/Canary",
    "FI": "Europe/Helsinki", "FI2": "Europe/Mariehamn", "FR": "Europe/Paris", "FRY1": "America/Guadeloupe",
    "FRY2": "America/Martinique", "FRY3": "America/Cayenne", "FRY4": "Indian/Reunion", "FRY5": "Indian/Mayotte",
    "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IS": "Atlantic/Reykjavik",
    "IT": "Europe/Rome", "LI": "Europe/Vaduz", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga", "MT": "Europe/Malta", "NL": "Europe/Amsterdam", "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "PT2": "Atlantic/Azores", "PT3": "Atlantic/Madeira",
    "RO": "Europe/Bucharest", "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava",
    "UK": "Europe/London", "AL": "Europe/Tirane", "ME": "Europe/Podgorica", "MK": "Europe/Skopje",
    "RS": "Europe/Belgrade", "TR": "Europe/Istanbul",
}  # fmt: skip


def zone_for_region(code: str) -> str | None:
    """The time zone of the region with this NUTS code, None for an unknown country."""
    code = (code or "").upper()
    for length in range(len(code), 1, -1):
        if code[:length] in REGION_ZONES:
            return REGION_ZONES[code[:length]]
    return None


def browser_timezone(cookies) -> str | None:
    """The zone the browser stored in the `tz` cookie, if it is a canonical one.

    The script writes it with encodeURIComponent ("Europe%2FAthens"), which Django does not decode.
    """
    name = unquote(cookies.get("tz", ""))
    return name if is_canonical_timezone(name) else None
