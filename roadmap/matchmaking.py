"""Interregional matchmaking: partner regions whose strengths cover a region's gaps.

A region's gaps are the themes of its confirmed gaps and barriers (weight: severity) and the themes
it scored under 50/100 (weight: (50 - score) / 10). Another region is strong in a theme through
confirmed strengths and best practices (weight: severity), a score of 70/100 or more (weight:
(score - 60) / 10) and organisations covering the value-chain stages the theme needs (weight: 1 per
organisation, at most 3). A partner's score is the sum over the gap themes of gap weight x strength.
Every region's strengths come from one shared table (roadmap.strengths), kept until what it reads
changes; a region's partners then cost its own gaps and a pass over that table, and the query count
does not grow with regions, answers or findings.
"""

from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mapping.models import Finding, Theme
from regions.models import Region
from regions.statistics.peers import likeness
from roadmap.strengths import Strength, StrengthTable, strength_table
from saphire.scores import score_text

GAP_SCORE = 50


@dataclass
class Partner:
    region: Region
    score: float
    reasons: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    summary: str = ""  # the score in words
    alike: list[str] = field(default_factory=list)  # what the two regions share, from the statistics


def _in_words(score: float, best: float, covered: int, gaps: int) -> str:
    """ "Strong match: covers 2 of your 3 gaps" rather than a bare number."""
    share = score / best if best else 0
    if share >= 0.75:
        strength = _("Strong match")
    elif share >= 0.4:
        strength = _("Good match")
    else:
        strength = _("Partial match")
    covers = ngettext("covers %(covered)s of your %(gaps)s gap", "covers %(covered)s of your %(gaps)s gaps", gaps) % {
        "covered": covered,
        "gaps": gaps,
    }
    return f"{strength}: {covers}"


@dataclass
class SharedGap:
    region: Region
    themes: list[str] = field(default_factory=list)
    severity: int = 0


def region_gaps(*, region: Region, table: StrengthTable | None = None) -> dict[str, float]:
    """theme code -> gap weight for the region."""
    gaps: dict[str, float] = {}
    rows = (
        Finding.objects.filter(
            region=region, status=Finding.Status.CONFIRMED, kind__in=[Finding.Kind.GAP, Finding.Kind.BARRIER]
        )
        .values("theme__code")
        .annotate(severity=Max("severity"))
    )
    for row in rows:
        gaps[row["theme__code"]] = float(row["severity"])
    own = (table or strength_table()).scores.get(region.pk, {})
    for code, score in own.items():
        if score < GAP_SCORE:
            gaps[code] = gaps.get(code, 0) + (GAP_SCORE - score) / 10
    return gaps


class _Words:
    """The sentences of the reasons, translated once per list of partners rather than once per line."""

    def __init__(self):
        self.covers = _("Covers your gap in %(theme)s: %(why)s.")
        self.findings = _("%(n)s confirmed strength(s), e.g. “%(title)s”")
        self.score = _("scored %(score)s/100")
        self.organisations = _("%(n)s organisation(s) covering this stage")

    def reason(self, theme: str, strength: Strength) -> str:
        why = []
        if strength.findings:
            why.append(self.findings % {"n": strength.findings[0], "title": strength.findings[1]})
        if strength.score is not None:
            why.append(self.score % {"score": score_text(strength.score)})
        if strength.organisations:
            why.append(self.organisations % {"n": strength.organisations})
        return self.covers % {"theme": theme, "why": "; ".join(why)}


def partner_regions(*, region: Region, limit: int = 10, gaps: dict[str, float] | None = None) -> list[Partner]:
    """The regions whose strengths best cover `region`'s gaps (`gaps`: region_gaps's, when already read)."""
    table = strength_table()
    if gaps is None:
        gaps = region_gaps(region=region, table=table)
    if not gaps:
        return []
    theme_names = dict(Theme.objects.filter(code__in=gaps).values_list("code", "name"))
    totals: dict[int, float] = {}
    covered: dict[int, list[str]] = {}
    own = region.pk
    for (region_id, code), strength in table.strengths.items():
        if code in gaps and region_id != own:
            totals[region_id] = totals.get(region_id, 0) + gaps[code] * strength[0]
            covered.setdefault(region_id, []).append(code)
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[: limit * 2]
    regions = Region.objects.defer("geometry", "label_point").in_bulk([rid for rid, _score in ranked])
    words = _Words()
    partners = []
    for region_id, total in ranked:
        other = regions.get(region_id)
        if other is None or other.code == region.code:
            continue
        themes = sorted(covered[region_id], key=lambda c: -gaps[c] * table.strengths[(region_id, c)][0])
        reasons = [
            words.reason(theme_names.get(code, code).lower(), Strength(*table.strengths[(region_id, code)]))
            for code in themes
        ]
        partners.append(Partner(region=other, score=round(total, 1), reasons=reasons, themes=themes))
        if len(partners) == limit:
            break
    best = max((p.score for p in partners), default=0)
    alike = likeness(region=region, others=[p.region for p in partners])
    for partner in partners:
        partner.summary = _in_words(partner.score, best, len(partner.themes), len(gaps))
        partner.alike = alike.get(partner.region.pk, [])
    return partners


def shared_gap_regions(*, region: Region, limit: int = 10) -> list[SharedGap]:
    """Regions with confirmed gaps in the same themes: candidates for joint pilots."""
    own = list(
        Finding.objects.filter(
            region=region, status=Finding.Status.CONFIRMED, kind__in=[Finding.Kind.GAP, Finding.Kind.BARRIER]
        )
        .values_list("theme__code", flat=True)
        .distinct()
    )
    if not own:
        return []
    rows = (
        Finding.objects.filter(
            status=Finding.Status.CONFIRMED, kind__in=[Finding.Kind.GAP, Finding.Kind.BARRIER], theme__code__in=own
        )
        .exclude(region=region)
        .values("region_id", "theme__name")
        .annotate(severity=Max("severity"))
    )
    by_region: dict[int, SharedGap] = {}
    for row in rows:
        shared = by_region.setdefault(row["region_id"], SharedGap(region=None))
        shared.themes.append(row["theme__name"])
        shared.severity += row["severity"]
    ranked = sorted(by_region.items(), key=lambda kv: (-len(kv[1].themes), -kv[1].severity))[:limit]
    regions = Region.objects.defer("geometry", "label_point").in_bulk([rid for rid, _s in ranked])
    result = []
    for region_id, shared in ranked:
        shared.region = regions[region_id]
        shared.themes.sort()
        result.append(shared)
    return result
