"""Regions like mine: the nearest regions of the same level by density, GDP per inhabitant, remoteness and
innovation group, each with the reasons in words."""

import math
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _

from regions.maps import region_url, region_url_prefix
from regions.models import Region
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
    url: str = ""


# Every region of a level with, per numeric indicator, its value in the indicator's latest year at that level
# and coding (the same year for all, so that they compare), and the share of its NUTS-3 regions that are
# remote (any coding, as the typology is published): one round trip, each latest year found from the index.
FEATURES_SQL = """
    WITH latest AS (
        SELECT i.id, i.code, (
            SELECT v.year FROM regions_indicatorvalue v
            WHERE v.indicator_id = i.id AND v.level = %(level)s AND v.nuts_version = %(version)s
              AND v.year IS NOT NULL
            ORDER BY v.year DESC LIMIT 1
        ) AS year
        FROM regions_indicator i WHERE i.code = ANY(%(codes)s)
    ),
    figures AS (
        SELECT v.region_code, latest.code, v.value
        FROM regions_indicatorvalue v
        JOIN latest ON v.indicator_id = latest.id AND v.year = latest.year
        WHERE v.level = %(level)s AND v.nuts_version = %(version)s AND v.value IS NOT NULL
    ),
    remote AS (
        SELECT substr(v.region_code, 1, %(length)s) AS code,
               COUNT(*) FILTER (WHERE v.category = 'Y') AS yes, COUNT(*) AS total
        FROM regions_indicatorvalue v JOIN regions_indicator i ON i.id = v.indicator_id
        WHERE i.code = 'remote' AND v.level = 3
        GROUP BY 1
    )
    SELECT r.id, r.code, r.name, r.ris_group, remote.yes, remote.total, figures.code, figures.value
    FROM regions_region r
    LEFT JOIN figures ON figures.region_code = r.code
    LEFT JOIN remote ON remote.code = r.code
    WHERE r.level = %(level)s AND r.nuts_version = %(version)s
"""


# The same features, with the distance of every region to one region computed by the database: a profile
# needs its nearest few, not every region's features in Python. Each row also carries the region's own
# features and the spreads, which the reasons quote.
NEAREST_SQL = """
    WITH latest AS (
        SELECT i.id, i.code, (
            SELECT v.year FROM regions_indicatorvalue v
            WHERE v.indicator_id = i.id AND v.level = %(level)s AND v.nuts_version = %(version)s
              AND v.year IS NOT NULL
            ORDER BY v.year DESC LIMIT 1
        ) AS year
        FROM regions_indicator i WHERE i.code = ANY(%(codes)s)
    ),
    figures AS (
        SELECT v.region_code, latest.code, log(v.value::float8) AS value
        FROM regions_indicatorvalue v
        JOIN latest ON v.indicator_id = latest.id AND v.year = latest.year
        WHERE v.level = %(level)s AND v.nuts_version = %(version)s AND v.value > 0
    ),
    remote AS (
        SELECT substr(v.region_code, 1, %(length)s) AS code,
               COUNT(*) FILTER (WHERE v.category = 'Y') AS yes, COUNT(*) AS total
        FROM regions_indicatorvalue v JOIN regions_indicator i ON i.id = v.indicator_id
        WHERE i.code = 'remote' AND v.level = 3
        GROUP BY 1
    ),
    features AS (
        SELECT r.id, r.code, r.name, r.ris_group,
               MAX(figures.value) FILTER (WHERE figures.code = 'density') AS density,
               MAX(figures.value) FILTER (WHERE figures.code = 'gdp_eur_hab') AS gdp,
               MAX(remote.yes::float8 / remote.total) AS remote
        FROM regions_region r
        LEFT JOIN figures ON figures.region_code = r.code
        LEFT JOIN remote ON remote.code = r.code
        WHERE r.level = %(level)s AND r.nuts_version = %(version)s
        GROUP BY r.id
    ),
    spreads AS (
        SELECT COALESCE(NULLIF(stddev_samp(density), 0), 1) AS density,
               COALESCE(NULLIF(stddev_samp(gdp), 0), 1) AS gdp,
               COALESCE(NULLIF(stddev_samp(remote), 0), 1) AS remote
        FROM features
    ),
    own AS (
        SELECT * FROM features
        WHERE code = %(code)s AND (density IS NOT NULL OR gdp IS NOT NULL OR remote IS NOT NULL)
    )
    SELECT f.id, f.code, f.name, f.ris_group, f.density, f.gdp, f.remote,
           sqrt(
               COALESCE(((own.density - f.density) / s.density) ^ 2, 0)
               + COALESCE(((own.gdp - f.gdp) / s.gdp) ^ 2, 0)
               + COALESCE(((own.remote - f.remote) / s.remote) ^ 2, 0)
               + CASE WHEN %(ris)s <> '' AND f.ris_group <> '' AND f.ris_group <> %(ris)s THEN 1 ELSE 0 END
           ) AS distance,
           own.density, own.gdp, own.remote, s.density, s.gdp, s.remote
    FROM features f CROSS JOIN own CROSS JOIN spreads s
    WHERE f.code <> own.code
      AND (own.density IS NULL OR f.density IS NOT NULL)
      AND (own.gdp IS NULL OR f.gdp IS NOT NULL)
      AND (own.remote IS NULL OR f.remote IS NOT NULL)
    ORDER BY distance, f.code COLLATE "C"
    LIMIT %(limit)s
"""


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


def _feature_table(level: int, version: int) -> tuple[list[tuple[int, str, str, str]], dict, dict]:
    """Every region of the level, as (id, code, name, innovation group), with its features (log density,
    log GDP, remote share) and their spreads: plain values, since only a profile's few peers become regions."""
    with connection.cursor() as cursor:
        cursor.execute(FEATURES_SQL, {"level": level, "version": version, "codes": list(NUMERIC), "length": 2 + level})
        rows = cursor.fetchall()
    candidates: dict[str, tuple[int, str, str, str]] = {}
    features: dict[str, dict[str, float]] = {}
    for pk, code, name, group, yes, total, indicator, value in rows:
        candidates[code] = (pk, code, name, group)
        entry = features.setdefault(code, {})
        if indicator and value > 0:
            entry[indicator] = math.log10(value)  # densities span four orders of magnitude
        if total:
            entry["remote"] = yes / total
    spreads = {code: _spread({c: f[code] for c, f in features.items() if code in f}) for code in (*NUMERIC, "remote")}
    return list(candidates.values()), features, spreads


def similar_regions(*, region: Region, limit: int = 8) -> list[Peer]:
    """The nearest regions of the same level and coding, closest first; one query whatever the level."""
    if region.level == 0:
        return []
    params = {
        "level": region.level, "version": region.nuts_version, "codes": list(NUMERIC), "length": 2 + region.level,
        "code": region.code, "ris": region.ris_group or "", "limit": limit,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(NEAREST_SQL, params)
        rows = cursor.fetchall()
    peers = []
    prefix = region_url_prefix()
    for pk, code, name, ris_group, *figures in rows:
        theirs, distance, own, spread = figures[:3], figures[3], figures[4:7], figures[7:]
        spreads = dict(zip(FEATURES, spread, strict=True))
        other = Region(
            id=pk, code=code, name=name, ris_group=ris_group, level=region.level, nuts_version=region.nuts_version
        )
        features = {region.code: _named(own), code: _named(theirs)}
        reasons = _reasons(region, other, features, spreads, True)
        peers.append(Peer(other, distance, reasons, region_url(other, prefix)))
    return peers


FEATURES = (*NUMERIC, "remote")


def _named(values) -> dict[str, float]:
    return {name: value for name, value in zip(FEATURES, values, strict=True) if value is not None}


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
