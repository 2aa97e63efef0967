"""The report's content, read from the other parts of the portal."""

import pytest

from mapping.models import Finding, Response
from reports import builder
from reports.fingerprint import fingerprint
from tests.factories import (
    AnswerFactory,
    CampaignFactory,
    FindingFactory,
    PilotFactory,
    QuestionFactory,
    RecommendationFactory,
    RegionFactory,
    ResponseFactory,
    seed_theme,
)
from tests.factories.roadmap import published_module

pytestmark = pytest.mark.django_db


def _answer(region, campaign, question, value):
    response = ResponseFactory(region=region, campaign=campaign, status=Response.Status.ACCEPTED)
    return AnswerFactory(response=response, question=question, value=value)


@pytest.fixture
def scored(region_with_findings):
    """FI1D and a Finnish peer answered one DATA question in the same campaign."""
    question = QuestionFactory()
    campaign = CampaignFactory(version=question.version)
    _answer(region_with_findings, campaign, question, 1)
    peer = RegionFactory(code="FI1C", country_code="FI", level=2, name="Etelä-Suomi")
    _answer(peer, campaign, question, 5)
    return campaign


def test_scores_chart_compares_the_region_with_its_country_peers(region_with_findings, scored):
    context = builder.gather(region=region_with_findings, campaign=scored, fingerprint="x")

    scores = context["by_key"]["scores"]
    assert scores.missing == ""
    [data_row] = [row for row in scores.data["table"] if row["code"] == "DATA"]
    assert (data_row["score"], data_row["country"]) == (0.0, 100.0)
    chart = scores.data["chart"]
    # Names and scores are text of the chart's table; each bar is an SVG of shapes, without SVG text.
    assert chart.startswith('<div class="report-chart">')
    assert '<th scope="row">Data infrastructure and interoperability (DATA)</th>' in chart
    assert chart.count('<td class="report-chart-bar"><svg') == 1 + len(scores.data["table"])
    assert "<text" not in chart.split("</thead>")[1]


def test_low_score_triggers_a_threshold_recommendation(region_with_findings, scored):
    RecommendationFactory(code="data-score", themes=[seed_theme("DATA")], min_severity=5, max_score=20)

    context = builder.gather(region=region_with_findings, campaign=scored, fingerprint="x")

    triggers = {m.recommendation.code: [t.label for t in m.triggers] for m in context["matches"]}
    assert "DATA score 0 ≤ 20" in triggers["data-score"]


def test_sections_without_data_say_what_is_missing(region):
    context = builder.gather(region=region, fingerprint="x")

    by_key = context["by_key"]
    assert by_key["scores"].missing == "No accepted survey answers for this region yet, so there are no theme scores."
    assert by_key["gaps"].missing == "No confirmed gaps or barriers are recorded for this region yet."
    assert by_key["recommendations"].missing.startswith("No recommendation of the library is triggered")
    assert by_key["roadmap"].missing == "No roadmap module is planned or suggested for this region yet."


def test_roadmap_partners_pilots_and_funding_come_from_the_roadmap(region_with_findings):
    data = seed_theme("DATA")
    published_module("DATA-01", themes=[data], title="Federated data platform")
    PilotFactory(title="Arctic genomics pilot", regions=[region_with_findings])
    PilotFactory(title="Draft pilot", regions=[region_with_findings], status="draft")
    partner = RegionFactory(code="BE21", name="Prov. Antwerpen")
    FindingFactory(region=partner, theme=data, kind=Finding.Kind.STRENGTH, severity=5, title="Flemish data hub")

    context = builder.gather(region=region_with_findings, fingerprint="x")
    _, document = builder.render_html(context)

    by_key = context["by_key"]
    assert [s.module.code for s in by_key["roadmap"].data["suggestions"]] == ["DATA-01"]
    assert [p.region.code for p in by_key["partners"].data["partners"]] == ["BE21"]
    assert [p.title for p in by_key["funding"].data["pilots"]] == ["Arctic genomics pilot"]
    assert [i.name for i in by_key["funding"].data["instruments"]] == ["Digital Europe Programme"]
    for text in ("Federated data platform", "Prov. Antwerpen", "Arctic genomics pilot", "Digital Europe Programme"):
        assert text in document
    assert "Draft pilot" not in document


def test_fingerprint_depends_on_the_campaign(region, scored):
    assert fingerprint(region=region) != fingerprint(region=region, campaign_id=scored.pk)


def test_peers_that_did_not_answer_the_campaign_count_with_their_latest_answers(region_with_findings, scored):
    """The region's own campaign may be one its peers skipped: the benchmark falls back to their latest answers."""
    question = QuestionFactory()
    later = CampaignFactory(version=question.version)
    peer = RegionFactory(code="FI1B", country_code="FI", level=2, name="Helsinki-Uusimaa")
    _answer(peer, later, question, 3)
    own = CampaignFactory(version=question.version)
    _answer(region_with_findings, own, question, 2)

    context = builder.gather(region=region_with_findings, campaign=own, fingerprint="x")

    scores = context["by_key"]["scores"]
    [data_row] = [row for row in scores.data["table"] if row["code"] == "DATA"]
    # FI1C (100, its latest answers in `scored`) and FI1B (50, in `later`): neither answered `own`.
    assert (data_row["score"], data_row["country"]) == (25.0, 75.0)
    assert ("country", "Same country (2)") in scores.data["groups"]
    # The country's marker on the DATA row, and its entry in the legend.
    assert scores.data["chart"].count('fill="#a11d1d"') == 2
