import pytest

from regions.dashboard import panels
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 15])
def test_coordinator_panel_lists_pending_organisations_in_constant_queries(
    coordinator, region, django_assert_num_queries, n
):
    for _ in range(n):
        OrganisationFactory(region=region, status="pending")

    with django_assert_num_queries(4):  # memberships, pending registrations, proposed changes, new links
        found = panels(coordinator)

    assert found[0].title == "Organisations awaiting approval"
    assert len(found[0].items) == min(n, 10)


def test_official_sees_own_regions_and_registrations(official, region):
    OrganisationFactory(region=region, status="pending", name="New clinic")

    titles = {panel.title: [item.label for item in panel.items] for panel in panels(official)}

    assert titles["Your regions"] == ["FI1D Pohjois- ja Itä-Suomi"]
    assert titles["Organisations registering in your regions"] == ["New clinic"]


def test_stakeholder_sees_own_organisations(stakeholder, region):
    OrganisationFactory(region=region, submitted_by=stakeholder, name="My company", status="pending")

    (panel,) = panels(stakeholder)

    assert [(item.label, item.detail) for item in panel.items] == [("My company", "Awaiting approval")]
