"""The time zones a person can choose: canonical IANA names, without deprecated aliases."""

from functools import cache
from importlib import resources
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
