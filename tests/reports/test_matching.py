import pytest

from mapping.models import Finding
from reports.matching import match_recommendations
from reports.models import Recommendation
from tests.factories import FindingFactory, RecommendationFactory, RegionFactory, seed_theme

pytestmark = pytest.mark.django_db


def _match(region, findings, scores=None):
    recommendations = list(Recommendation.objects.prefetch_related("themes"))
    return match_recommendations(region=region, recommendations=recommendations, findings=findings, scores=scores or {})


def test_confirmed_gap_at_the_severity_triggers_and_is_traced():
    region = RegionFactory()
    data = seed_theme("DATA")
    gap = FindingFactory(region=region, theme=data, severity=4, title="No data platform")
    RecommendationFactory(code="data", themes=[data], min_severity=4)

    [match] = _match(region, [gap])

    assert match.recommendation.code == "data"
    assert [(t.finding_id, t.severity, t.theme_code) for t in match.triggers] == [(gap.pk, 4, "DATA")]


def test_milder_suggested_or_strength_findings_do_not_trigger():
    region = RegionFactory()
    data = seed_theme("DATA")
    findings = [
        FindingFactory(region=region, theme=data, severity=2),
        FindingFactory(region=region, theme=data, severity=5, status=Finding.Status.SUGGESTED),
        FindingFactory(region=region, theme=data, severity=5, kind=Finding.Kind.STRENGTH),
    ]
    RecommendationFactory(code="data", themes=[data], min_severity=3)

    assert _match(region, findings) == []


def test_low_score_triggers_a_recommendation_with_a_threshold():
    region = RegionFactory()
    edu = seed_theme("EDU")
    RecommendationFactory(code="edu", themes=[edu], max_score=40)

    [match] = _match(region, [], scores={"EDU": 32.0})

    assert match.triggers[0].label == "EDU score 32 ≤ 40"


def test_typology_and_innovation_group_narrow_the_fit():
    region = RegionFactory()
    access = seed_theme("ACCESS")
    gap = FindingFactory(region=region, theme=access, severity=5)
    RecommendationFactory(code="islands", themes=[access], typologies=["island"])
    RecommendationFactory(code="leaders", themes=[access], ris_groups=["leader"])
    RecommendationFactory(code="all", themes=[access])

    assert [m.recommendation.code for m in _match(region, [gap])] == ["all"]
