"""Which library recommendations a region triggers, and why (each with the findings and scores behind it)."""

from dataclasses import dataclass, field

from mapping.models import Finding
from regions.models import Region
from regions.typologies import region_typologies
from reports.models import Recommendation
from saphire.scores import score_text

TRIGGER_KINDS = (Finding.Kind.GAP, Finding.Kind.BARRIER)
KIND_ORDER = [kind.value for kind in Recommendation.Kind]


@dataclass
class Trigger:
    theme_code: str
    label: str
    finding_id: int | None = None
    severity: int | None = None
    score: float | None = None


@dataclass
class Match:
    recommendation: Recommendation
    triggers: list[Trigger] = field(default_factory=list)
    # Names of the funding instruments it points to, filled in by the report builder.
    funding: list[str] = field(default_factory=list)

    @property
    def weight(self) -> tuple:
        worst = max((t.severity or 0 for t in self.triggers), default=0)
        lowest = min((t.score for t in self.triggers if t.score is not None), default=100.0)
        return (-worst, lowest, len(self.triggers) * -1)


def fits(recommendation: Recommendation, region: Region) -> bool:
    if recommendation.ris_groups and getattr(region, "ris_group", "") not in recommendation.ris_groups:
        return False
    return not recommendation.typologies or bool(set(recommendation.typologies) & region_typologies(region))


def match_recommendations(
    *,
    region: Region,
    recommendations: list[Recommendation],
    findings: list[Finding],
    scores: dict[str, float],
) -> list[Match]:
    """Recommendations that fit `region` and are triggered by its confirmed gaps/barriers or low scores.

    `recommendations` must have `themes` prefetched; `findings` are the region's findings with
    their theme. The worst trigger first.
    """
    problems = [f for f in findings if f.status == Finding.Status.CONFIRMED and f.kind in TRIGGER_KINDS]
    matches = []
    for recommendation in recommendations:
        if not recommendation.is_active or not fits(recommendation, region):
            continue
        codes = {theme.code for theme in recommendation.themes.all()}
        match = Match(recommendation=recommendation, funding=list(recommendation.funding_instruments))
        for finding in problems:
            if finding.theme.code in codes and finding.severity >= recommendation.min_severity:
                match.triggers.append(
                    Trigger(
                        theme_code=finding.theme.code,
                        label=f"{finding.get_kind_display()}: {finding.title}",
                        finding_id=finding.pk,
                        severity=finding.severity,
                    )
                )
        if recommendation.max_score is not None:
            for code in sorted(codes):
                score = scores.get(code)
                if score is not None and score <= recommendation.max_score:
                    match.triggers.append(
                        Trigger(
                            theme_code=code,
                            label=f"{code} score {score_text(score)} ≤ {score_text(recommendation.max_score)}",
                            score=score,
                        )
                    )
        if match.triggers:
            matches.append(match)
    matches.sort(key=lambda m: (m.weight, KIND_ORDER.index(m.recommendation.kind), m.recommendation.code))
    return matches
