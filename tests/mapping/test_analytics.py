import pytest

from mapping import analytics, selectors, services
from mapping.models import Response
from tests.factories import CampaignFactory, RegionFactory, seed_theme
from tests.mapping.conftest import COMPLETE, q

pytestmark = pytest.mark.django_db


def accepted(campaign, region, version, by, coordinator, answers=COMPLETE):
    response = Response.objects.create(campaign=campaign, region=region)
    for code, value in answers.items():
        services.answer_save(response=response, question=q(version, code), value=value, base_revision=0, by=by)
    services.response_submit(response=response, by=by)
    services.response_accept(response=response, by=coordinator)
    return response


def test_region_theme_scores_weighted_from_accepted_only(
    campaign, version, region, other_region, official, coordinator
):
    accepted(campaign, region, version, official, coordinator)
    draft = Response.objects.create(campaign=campaign, region=other_region)
    services.answer_save(response=draft, question=version.ehr, value="5", base_revision=0, by=official)

    scores = analytics.region_theme_scores()

    # DATA: Likert 4 (75) weight 2 + yes (100) weight 1; the number is not scored.
    # Unrounded here: pages, map, API and reports round once, half up (saphire.scores).
    assert scores == {region.pk: {"DATA": pytest.approx((75 * 2 + 100) / 3), "EDU": 50.0}}


def test_region_theme_scores_latest_campaign_wins(campaign, version, region, official, coordinator):
    accepted(campaign, region, version, official, coordinator)
    later = CampaignFactory(
        version=version,
        regions=[region],
        opens_on=campaign.opens_on.replace(year=campaign.opens_on.year + 1),
        deadline=campaign.deadline.replace(year=campaign.deadline.year + 1),
    )
    accepted(later, region, version, official, coordinator, {**COMPLETE, "DATA-1": "1", "DATA-2": "no"})

    assert analytics.region_theme_scores(region_ids=[region.pk])[region.pk]["DATA"] == 0.0
    assert analytics.region_theme_scores(campaign_id=campaign.pk)[region.pk]["DATA"] == pytest.approx(250 / 3)
    change = analytics.campaign_change(before_id=campaign.pk, after_id=later.pk)
    assert change[region.pk]["DATA"] == pytest.approx((250 / 3, 0.0, -250 / 3))


def test_region_unanswered_themes_read_the_latest_accepted_response(campaign, version, region, official, coordinator):
    accepted(
        campaign,
        region,
        version,
        official,
        coordinator,
        {"DATA-1": "3", "DATA-2": "no", "EDU-1": "some", "EDU-2": ["md"]},
    )
    # A newer campaign's response, still in progress and nearly empty, is not the region's answer yet.
    later = CampaignFactory(
        version=version,
        regions=[region],
        opens_on=campaign.opens_on.replace(year=campaign.opens_on.year + 1),
        deadline=campaign.deadline.replace(year=campaign.deadline.year + 1),
    )
    draft = Response.objects.create(campaign=later, region=region)
    services.answer_save(response=draft, question=version.ehr, value="3", base_revision=0, by=official)

    assert [t.code for t in analytics.region_unanswered_themes(region_id=region.pk)] == []
    assert selectors.latest_accepted_response(region=region).campaign == campaign
    assert selectors.latest_accepted_response(region=region, questionnaire=version.questionnaire).campaign == campaign


def test_region_unanswered_themes_only_answered_themes_count(campaign, version, region, official, coordinator):
    response = Response.objects.create(campaign=campaign, region=region)
    services.answer_save(response=response, question=version.ehr, value="3", base_revision=0, by=official)
    Response.objects.filter(pk=response.pk).update(status=Response.Status.ACCEPTED)

    assert [t.code for t in analytics.region_unanswered_themes(region_id=region.pk)] == ["EDU"]


def test_accepted_campaign_error_names_the_latest_campaign_with_one(campaign, version, region, official, coordinator):
    later = CampaignFactory(
        version=version,
        regions=[region],
        title="Mapping 2027",
        opens_on=campaign.opens_on.replace(year=campaign.opens_on.year + 1),
        deadline=campaign.deadline.replace(year=campaign.deadline.year + 1),
    )
    assert "nor in any other campaign" in selectors.accepted_campaign_error(region=region, campaign=later)

    accepted(campaign, region, version, official, coordinator)

    error = selectors.accepted_campaign_error(region=region, campaign=later)
    assert "no accepted survey response in Mapping 2027" in error
    assert "Mapping 2026" in error
    assert selectors.accepted_campaign_error(region=region, campaign=campaign) == ""


def test_heatmap_filters_and_sorts(campaign, version, region, other_region, official, coordinator, other_official):
    accepted(campaign, region, version, official, coordinator)
    accepted(campaign, other_region, version, other_official, coordinator, {**COMPLETE, "DATA-1": "5"})

    rows = analytics.heatmap(campaign_id=campaign.pk, sort="DATA")
    assert [r.code for r in rows] == ["BE21", "FI1D"]
    assert [r.code for r in analytics.heatmap(campaign_id=campaign.pk, sort="-DATA")] == ["FI1D", "BE21"]
    assert [r.code for r in analytics.heatmap(campaign_id=campaign.pk, country="fi")] == ["FI1D"]


def test_heatmap_is_one_query(campaign, version, region, official, coordinator, django_assert_num_queries):
    accepted(campaign, region, version, official, coordinator)
    for n in range(5):
        other = RegionFactory(code=f"FR{n}1")
        campaign.regions.add(other)
        accepted(campaign, other, version, official, coordinator)

    with django_assert_num_queries(1):
        rows = analytics.heatmap(campaign_id=campaign.pk)
    assert len(rows) == 6


def test_seeded_themes_exist():
    assert seed_theme("ACCESS").name == "Remote and rural access"
