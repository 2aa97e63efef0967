"""Every region's strengths per theme, the table partner matchmaking reads (see roadmap.matchmaking).

The table is the same for every region asking for partners, so it is built in three aggregates over all
regions and themes and kept until answers, findings, organisations or regions change (the services of
those bump SCORES, ORGANISATIONS and REGIONS); a partner page then costs a few small queries and a pass
over plain dicts, however many regions, answers and organisations there are.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Max, Q

from mapping.models import Finding
from saphire.page_cache import ORGANISATIONS, REGIONS, SCORES, cached_fragment

# The value-chain stages organisations must cover for them to count as strength in a theme.
THEME_STAGES = {
    "RES": ["research"],
    "IND": ["diagnostics", "validation"],
    "HTA": ["regulation_hta", "reimbursement"],
    "REG": ["regulation_hta"],
    "FUND": ["reimbursement"],
    "ACCESS": ["implementation"],
    "DATA": ["diagnostics", "research"],
    "EDU": ["implementation", "research"],
    "AWARE": ["citizens"],
    "ENG": ["citizens"],
}
# Organisations count as strength up to this many per theme.
MAX_ORGANISATIONS = 3
# A mapping score from which a theme counts as a strength.
STRONG_SCORE = 70


class Strength(NamedTuple):
    """How strong a region is in a theme, and what makes it up (each part None when absent)."""

    value: float
    findings: tuple[int, str] | None  # how many confirmed strengths, an example title
    score: float | None  # the mapping score (rounded), when at least STRONG_SCORE
    organisations: int | None  # approved organisations covering the theme's stages (at most 3)


@dataclass
class StrengthTable:
    # region id -> theme code -> mapping score (latest accepted response), unrounded: for the region's gaps
    scores: dict[int, dict[str, float]] = field(default_factory=dict)
    # (region id, theme code) -> its Strength's fields as a plain tuple (read back from the cache much
    # faster than named ones), for every region strong in a theme
    strengths: dict[tuple[int, str], tuple] = field(default_factory=dict)


def _findings() -> dict[tuple[int, str], tuple[int, int, str]]:
    rows = (
        Finding.objects.filter(
            status=Finding.Status.CONFIRMED, kind__in=[Finding.Kind.STRENGTH, Finding.Kind.BEST_PRACTICE]
        )
        .values_list("region_id", "theme__code")
        .annotate(best=Max("severity"), n=Count("id"), example=Max("title"))
        .order_by()
    )
    return {(region_id, code): (best, n, example) for region_id, code, best, n, example in rows}


def _organisations() -> dict[tuple[int, str], int]:
    from regions.models import Organisation

    columns = {
        f"t_{code}": Count("id", filter=Q(value_chain_stages__overlap=stages)) for code, stages in THEME_STAGES.items()
    }
    rows = (
        Organisation.objects.filter(status=Organisation.Status.APPROVED)
        .values("region_id")
        .annotate(**columns)
        .order_by()
    )
    strength = {}
    for row in rows:
        for column in columns:
            if row[column]:
                strength[(row["region_id"], column[2:])] = min(row[column], MAX_ORGANISATIONS)
    return strength


def build() -> StrengthTable:
    from mapping import analytics

    scores = analytics.region_theme_scores()
    findings = _findings()
    organisations = _organisations()
    # Findings, then scores, then organisations: the order partners with equal scores have always come in.
    keys = dict.fromkeys(findings)
    strong: dict[tuple[int, str], float] = {}
    for region_id, by_theme in scores.items():
        for code, score in by_theme.items():
            score = round(score, 1)
            if score >= STRONG_SCORE:
                strong[(region_id, code)] = score
                keys[(region_id, code)] = None
    keys.update(dict.fromkeys(organisations))
    strengths = {}
    for key in keys:
        found, score, count = findings.get(key), strong.get(key), organisations.get(key)
        value = (found[0] if found else 0) + ((score - 60) / 10 if score is not None else 0) + (count or 0)
        strengths[key] = (value, found[1:] if found else None, score, count)
    return StrengthTable(scores=scores, strengths=strengths)


def strength_table() -> StrengthTable:
    return cached_fragment("partner-strengths", depends_on=(SCORES, ORGANISATIONS, REGIONS), compute=build)
