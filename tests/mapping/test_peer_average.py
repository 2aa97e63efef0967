import pytest

from mapping import analytics
from tests.factories import RegionFactory
from tests.mapping.test_analytics import accepted

pytestmark = pytest.mark.django_db


def test_peer_groups_of_fewer_than_three_scored_regions_show_no_average(
    campaign, version, region, official, coordinator
):
    region.ris_group = "moderate"
    region.save(update_fields=["ris_group"])
    peers = [RegionFactory(code=f"FI1{letter}", ris_group="moderate", level=region.level) for letter in "ABC"]
    accepted(campaign, region, version, official, coordinator)
    accepted(campaign, peers[0], version, coordinator, coordinator)

    one = analytics.peer_comparison(region=region)["groups"]["innovation_group"]
    for peer in peers[1:]:
        accepted(campaign, peer, version, coordinator, coordinator)
    three = analytics.peer_comparison(region=region)["groups"]["innovation_group"]

    assert (one["count"], one["scores"], one["too_few"]) == (1, {}, True)
    assert (three["count"], three["too_few"]) == (3, False)
    assert three["scores"]["DATA"] == round((75 * 2 + 100) / 3, 1)
