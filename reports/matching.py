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
    """One finding or one theme score that set a recommendation off, named as the reader will find it."""

    theme_code: str
    label: str
    theme_name: str = ""
    finding_id: int | None = None
    kind: str = ""
    severity: int | None = None
    evidence: str = ""
    score: float | None = None
    threshold: float | None = None


@dataclass
class Match:
    recommendation: Recommendation
    triggers: list[Trigger] = field(default_factory=list)
    # Filled in by the report builder: the roadmap modules and partner regions on the triggering themes.
    modules: list = field(default_factory=list)
    partners: list = field(default_factory=list)

    @property
    def theme_codes(self) -> list[str]:
        return list(dict.fromkeys(t.theme_code for t in self.triggers))

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
    their theme. The worst trigger first. Each match names only what set it off: the findings on
    its own themes at its severity or above, and its own themes' scores at its threshold or below.
    """
    problems = [f for f in findings if f.status == Finding.Status.CONFIRMED and f.kind in TRIGGER_KINDS]
    matches = []
    for recommendation in recommendations:
        if not recommendation.is_active or not fits(recommendation, region):
            continue
        codes = {theme.code for theme in recommendation.themes.all()}
        names = {theme.code: theme.name for theme in recommendation.themes.all()}
        match = Match(recommendation=recommendation)
        for finding in problems:
            if finding.theme.code in codes and finding.severity >= recommendation.min_severity:
                match.triggers.append(
                    Trigger(
                        theme_code=finding.theme.code,
                        theme_name=finding.theme.name,
                        label=f"{finding.get_kind_display()}: {finding.title}",
                        finding_id=finding.pk,
                        kind=finding.get_kind_display(),
                        severity=finding.severity,
                        evidence=finding.evidence,
                    )
                )
        if recommendation.max_score is not None:
            for code in sorted(codes):
                score = scores.get(code)
                if score is not None and score <= recommendation.max_score:
                    match.triggers.append(
                        Trigger(
                            theme_code=code,
                            theme_name=names.get(code, code),
                            label=f"{code} score {score_text(score)} ≤ {score_text(recommendation.max_score)}",
                            score=score,
                            threshold=recommendation.max_score,
                        )
                    )
        if match.triggers:
            matches.append(match)
    matches.sort(key=lambda m: (m.weight, KIND_ORDER.index(m.recommendation.kind), m.recommendation.code))
    return matches
