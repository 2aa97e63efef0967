"""Interregional matchmaking: partner regions whose strengths cover a region's gaps.

A region's gaps are the themes of its confirmed gaps and barriers (weight: severity) and the themes
it scored under 50/100 (weight: (50 - score) / 10). Another region is strong in a theme through
confirmed strengths and best practices (weight: severity), a score of 70/100 or more (weight:
(score - 60) / 10) and organisations covering the value-chain stages the theme needs (weight: 1 per
organisation, at most 3). A partner's score is the sum over the gap themes of gap weight x strength.
Every step is one SQL aggregate, so the query count does not grow with regions or findings.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mapping.models import Finding, Theme
from regions.models import Region
from regions.statistics.peers import likeness
from saphire.scores import score_text

GAP_SCORE = 50
STRONG_SCORE = 70

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


def _scores(*, region_ids=None, theme_codes=None) -> dict[int, dict[str, float]]:
    """mapping's region x theme scores, narrowed to some themes in SQL when only those matter."""
    from mapping import analytics

    if theme_codes is None:
        return analytics.region_theme_scores(region_ids=region_ids)
    # Same formula as region_theme_scores (mapping's aggregate), over the gap themes only.
    answers = analytics._scored_answers(campaign_id=None).filter(question__theme__code__in=list(theme_codes))
    if region_ids is not None:
        answers = answers.filter(response__region_id__in=list(region_ids))
    scores: dict[int, dict[str, float]] = {}
    for row in analytics._aggregate(answers):
        if row["weights"]:
            scores.setdefault(row["response__region_id"], {})[row["question__theme__code"]] = round(
                row["weighted"] / row["weights"], 1
            )
    return scores


def region_gaps(*, region: Region, scores: dict[int, dict[str, float]] | None = None) -> dict[str, float]:
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
    own = (scores if scores is not None else _scores(region_ids=[region.pk])).get(region.pk, {})
    for code, score in own.items():
        if score < GAP_SCORE:
            gaps[code] = gaps.get(code, 0) + (GAP_SCORE - score) / 10
    return gaps


def _organisation_strength(theme_codes: list[str], exclude_region_id: int) -> dict[tuple[int, str], int]:
    """(region id, theme code) -> approved organisations covering the theme's stages (at most 3), one query."""
    from regions.models import Organisation

    columns = {
        f"t_{code}": Count("id", filter=Q(value_chain_stages__overlap=THEME_STAGES[code]))
        for code in theme_codes
        if code in THEME_STAGES
    }
    if not columns:
        return {}
    rows = (
        Organisation.objects.filter(status=Organisation.Status.APPROVED)
        .exclude(region_id=exclude_region_id)
        .values("region_id")
        .annotate(**columns)
        .order_by()
    )
    strength = {}
    for row in rows:
        for column in columns:
            if row[column]:
                strength[(row["region_id"], column[2:])] = min(row[column], 3)
    return strength


def partner_regions(*, region: Region, limit: int = 10) -> list[Partner]:
    gaps = region_gaps(region=region)
    scores = _scores(theme_codes=gaps)
    if not gaps:
        return []
    theme_names = dict(Theme.objects.filter(code__in=gaps).values_list("code", "name"))
    strength: dict[tuple[int, str], float] = {}
    why: dict[tuple[int, str], list[str]] = {}

    strong_rows = (
        Finding.objects.filter(
            status=Finding.Status.CONFIRMED,
            kind__in=[Finding.Kind.STRENGTH, Finding.Kind.BEST_PRACTICE],
            theme__code__in=gaps,
        )
        .exclude(region=region)
        .values("region_id", "theme__code")
        .annotate(best=Max("severity"), n=Count("id"), example=Max("title"))
    )
    for row in strong_rows:
        key = (row["region_id"], row["theme__code"])
        strength[key] = strength.get(key, 0) + row["best"]
        why.setdefault(key, []).append(
            _("%(n)s confirmed strength(s), e.g. “%(title)s”") % {"n": row["n"], "title": row["example"]}
        )
    for region_id, by_theme in scores.items():
        if region_id == region.pk:
            continue
        for code, score in by_theme.items():
            if code in gaps and score >= STRONG_SCORE:
                key = (region_id, code)
                strength[key] = strength.get(key, 0) + (score - 60) / 10
                why.setdefault(key, []).append(_("scored %(score)s/100") % {"score": score_text(score)})
    for key, count in _organisation_strength(list(gaps), region.pk).items():
        strength[key] = strength.get(key, 0) + count
        why.setdefault(key, []).append(_("%(n)s organisation(s) covering this stage") % {"n": count})

    totals: dict[int, float] = {}
    for (region_id, code), value in strength.items():
        totals[region_id] = totals.get(region_id, 0) + gaps[code] * value
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[: limit * 2]
    regions = Region.objects.in_bulk([rid for rid, _score in ranked])
    partners = []
    for region_id, total in ranked:
        other = regions.get(region_id)
        if other is None or other.code == region.code:
            continue
        covered = sorted(
            (code for (rid, code) in strength if rid == region_id), key=lambda c: -gaps[c] * strength[(region_id, c)]
        )
        reasons = [
            _("Covers your gap in %(theme)s: %(why)s.")
            % {"theme": theme_names.get(code, code).lower(), "why": "; ".join(why[(region_id, code)])}
            for code in covered
        ]
        partners.append(Partner(region=other, score=round(total, 1), reasons=reasons, themes=covered))
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
    regions = Region.objects.in_bulk([rid for rid, _s in ranked])
    result = []
    for region_id, shared in ranked:
        shared.region = regions[region_id]
        shared.themes.sort()
        result.append(shared)
    return result
