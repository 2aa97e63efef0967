import pytest
from django.http import Http404

from regions import selectors
from regions.models import Organisation
from tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_peer_region_ids_by_group_typology_and_country():
    region = RegionFactory(code="FI1D", ris_group="strong", is_nspa=True, coastal=False)
    same_group = RegionFactory(code="BE21", ris_group="strong")
    nspa = RegionFactory(code="SE33", is_nspa=True, ris_group="leader")
    same_country = RegionFactory(code="FI19", ris_group="leader")
    RegionFactory(code="FI1", level=1, ris_group="strong")  # another level: never a peer

    peers = selectors.peer_region_ids(region=region)

    assert peers == {"innovation_group": [same_group.id], "typology": [nspa.id], "country": [same_country.id]}


def test_region_get_prefers_2021_and_honours_version():
    old = RegionFactory(code="PT20", nuts_version=2021)
    new = RegionFactory(code="PT20", nuts_version=2024)

    assert selectors.region_get(code="pt20") == old
    assert selectors.region_get(code="PT20", version=2024) == new
    with pytest.raises(Http404):
        selectors.region_get(code="PT20", version=2016)


def test_region_list_search_matches_code_and_both_names():
    kriti = RegionFactory(code="EL43", name="Kriti", name_national="Κρήτη")
    RegionFactory(code="BE21", name="Prov. Antwerpen")

    for query in ["el4", "krit", "Κρήτη"]:
        assert list(selectors.region_list(filters={"search": query})) == [kriti]


def test_region_list_typology_and_group_filters():
    island = RegionFactory(code="EL43", is_island=True, ris_group="emerging")
    rural = RegionFactory(code="FI1D3", urban_rural="rural", ris_group="strong")
    RegionFactory(code="BE21")

    assert list(selectors.region_list(filters={"typology": "island"})) == [island]
    assert list(selectors.region_list(filters={"typology": "rural"})) == [rural]
    assert list(selectors.region_list(filters={"innovation_group": "strong"})) == [rural]


def test_organisations_hide_pending_from_the_public_but_not_from_the_submitter(region, stakeholder, official):
    approved = OrganisationFactory(region=region)
    pending = OrganisationFactory(region=region, status=Organisation.Status.PENDING, submitted_by=stakeholder)

    from django.contrib.auth.models import AnonymousUser

    assert list(selectors.organisation_list(user=AnonymousUser())) == [approved]
    assert set(selectors.organisation_list(user=stakeholder)) == {approved, pending}
    assert set(selectors.organisation_list(user=official)) == {approved, pending}


def test_organisation_counts_roll_up_to_the_map_level():
    fi1d = RegionFactory(code="FI1D")
    fi1d3 = RegionFactory(code="FI1D3")
    OrganisationFactory(region=fi1d)
    OrganisationFactory(region=fi1d3)
    OrganisationFactory(region=fi1d3, status=Organisation.Status.PENDING)

    assert selectors.organisation_counts(level=2, version=2021) == {fi1d.id: 2}
