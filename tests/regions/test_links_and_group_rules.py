import pytest

from regions import permissions, services
from regions.models import OrganisationLink
from saphire.page_cache import ORGANISATIONS, counter
from tests.factories import OrganisationLinkFactory, PopulationGroupFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_removing_a_link_deletes_it_and_makes_the_network_pages_stale(django_capture_on_commit_callbacks):
    link = OrganisationLinkFactory()
    before = counter(ORGANISATIONS).value()

    with django_capture_on_commit_callbacks(execute=True):
        services.link_delete(link=link)

    assert not OrganisationLink.objects.filter(pk=link.pk).exists()
    assert counter(ORGANISATIONS).value() != before


def test_coordinators_may_change_any_region_of_a_group(coordinator, region, other_region):
    group = PopulationGroupFactory()
    group.regions.set([other_region])

    assert permissions.population_group_regions_refused(coordinator, [region], group) == ([], set())


def test_officials_add_and_remove_only_their_own_regions(official, region, other_region):
    third = RegionFactory(code="SE33")
    group = PopulationGroupFactory()
    group.regions.set([region, other_region])

    assert permissions.population_group_regions_refused(official, [region, other_region], group) == ([], set())
    assert permissions.population_group_regions_refused(official, [other_region, third], group) == ([third], set())
    assert permissions.population_group_regions_refused(official, [region], group) == ([], {other_region.id})
    assert permissions.population_group_regions_refused(official, [other_region], None) == ([other_region], set())


def test_only_a_coordinators_registration_is_approved_at_once(coordinator, official, stakeholder):
    assert permissions.registration_applies_at_once(coordinator)
    assert not permissions.registration_applies_at_once(official)
    assert not permissions.registration_applies_at_once(stakeholder)
