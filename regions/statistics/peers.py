"""Regions like mine: the nearest regions of the same level by density, GDP per inhabitant, remoteness and
innovation group, each with the reasons in words."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from regions.models import IndicatorValue, Region
from regions.statistics.numbers import grouped
from saphire.page_cache import REGIONS, cached_fragment

NUMERIC = ("density", "gdp_eur_hab")
# Below this many standard deviations apart, a figure counts as "similar" in the reasons.
SIMILAR = 0.5


@dataclass
class Peer:
    region: Region
    distance: float
    reasons: list[str] = field(default_factory=list)


def _latest(level: int, version: int) -> dict[str, dict[str, float]]:
    """Indicator code -> region code -> value, in each indicator's latest year at this level and coding."""
    base = IndicatorValue.objects.filter(indicator__code__in=NUMERIC, level=level, nuts_version=version)
    latest = base.order_by().values("indicator__code").annotate(year=Max("year")).values_list("indicator__code", "year")
    wanted = Q(pk__in=[])
    for code, year in latest:
        wanted |= Q(indicator__code=code, year=year)
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for code, region_code, value in base.filter(wanted).values_list("indicator__code", "region_code", "value"):
        if value is not None:
            values[code][region_code] = value
    return values


def _remote_shares(level: int, length: int) -> dict[str, float]:
    """Share of remote NUTS-3 regions in each region of the level (1 or 0 for a NUTS-3 region itself)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, category in IndicatorValue.objects.filter(indicator__code="remote", level=3).values_list(
        "region_code", "category"
    ):
        entry = counts[code[:length]]
        entry[0] += category == "Y"
        entry[1] += 1
    return {code: yes / total for code, (yes, total) in counts.items() if total}


def _spread(values: dict[str, float]) -> float:
    if len(values) < 2:
        return 1.0
    mean = sum(values.values()) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values.values()) / (len(values) - 1)) or 1.0


def _reasons(region, other, features, spreads, ris) -> list[str]:
    reasons = []
    own, theirs = features[region.code], features[other.code]
    if (
        "density" in own
        and "density" in theirs
        and abs(own["density"] - theirs["density"]) < SIMILAR * spreads["density"]
    ):
        reasons.append(
            _("similar population density (%(own)s and %(other)s per km²)")
            % {"own": grouped(10 ** own["density"], 1), "other": grouped(10 ** theirs["density"], 1)}
        )
    if (
        "gdp_eur_hab" in own
        and "gdp_eur_hab" in theirs
        and abs(own["gdp_eur_hab"] - theirs["gdp_eur_hab"]) < SIMILAR * spreads["gdp_eur_hab"]
    ):
        reasons.append(
            _("similar GDP per inhabitant (€%(own)s and €%(other)s)")
            % {"own": grouped(10 ** own["gdp_eur_hab"], 0), "other": grouped(10 ** theirs["gdp_eur_hab"], 0)}
        )
    if "remote" in own and "remote" in theirs and abs(own["remote"] - theirs["remote"]) < 0.25:
        reasons.append(
            _("as remote (%(own)s %% and %(other)s %% of NUTS-3 regions remote)")
            % {"own": round(own["remote"] * 100), "other": round(theirs["remote"] * 100)}
        )
    if ris and region.ris_group and other.ris_group == region.ris_group:
        reasons.append(_("same innovation group (%(group)s)") % {"group": region.get_ris_group_display()})
    return reasons


def _feature_table(level: int, version: int) -> tuple[list[Region], dict, dict]:
    """Every region of the level with its features (log density, log GDP, remote share) and their spreads."""
    candidates = list(
        Region.objects.filter(level=level, nuts_version=version).only(
            "id", "code", "name", "name_national", "country_code", "nuts_version", "level", "ris_group"
        )
    )
    latest = _latest(level, version)
    remote = _remote_shares(level, 2 + level)
    features: dict[str, dict[str, float]] = {}
    for candidate in candidates:
        entry = {}
        for code in NUMERIC:
            value = latest.get(code, {}).get(candidate.code)
            if value and value > 0:
                entry[code] = math.log10(value)  # densities span four orders of magnitude
        if candidate.code in remote:
            entry["remote"] = remote[candidate.code]
        features[candidate.code] = entry
    spreads = {code: _spread({c: f[code] for c, f in features.items() if code in f}) for code in (*NUMERIC, "remote")}
    return candidates, features, spreads


def similar_regions(*, region: Region, limit: int = 8) -> list[Peer]:
    """The nearest regions of the same level and coding, closest first; a constant number of queries.

    The table of every region's features is shared by all the regions of a level, and kept until
    regions or statistics change (saphire.page_cache).
    """
    if region.level == 0:
        return []
    candidates, features, spreads = cached_fragment(
        "peer-features", region.level, region.nuts_version, depends_on=(REGIONS,),
        compute=lambda: _feature_table(region.level, region.nuts_version),
    )  # fmt: skip
    own = features.get(region.code, {})
    if not own:
        return []
    peers = []
    for candidate in candidates:
        theirs = features[candidate.code]
        shared = [code for code in own if code in theirs]
        if candidate.code == region.code or len(shared) < len(own):
            continue
        distance = sum(((own[c] - theirs[c]) / spreads[c]) ** 2 for c in shared)
        if region.ris_group and candidate.ris_group:
            distance += 0 if candidate.ris_group == region.ris_group else 1
        peers.append(Peer(candidate, math.sqrt(distance)))
    peers.sort(key=lambda p: (p.distance, p.region.code))
    for peer in peers[:limit]:
        peer.reasons = _reasons(region, peer.region, features, spreads, True)
    return peers[:limit]


def likeness(*, region: Region, others: list[Region]) -> dict[int, list[str]]:
    """For each region of `others` at `region`'s level and coding, in words, what it shares with `region`
    (density, GDP per inhabitant, remoteness, innovation group); the shared feature table, no more queries."""
    if region.level == 0:
        return {}
    _candidates, features, spreads = cached_fragment(
        "peer-features", region.level, region.nuts_version, depends_on=(REGIONS,),
        compute=lambda: _feature_table(region.level, region.nuts_version),
    )  # fmt: skip
    if region.code not in features:
        return {}
    return {
        other.pk: _reasons(region, other, features, spreads, True)
        for other in others
        if other.code in features and other.level == region.level and other.nuts_version == region.nuts_version
    }
