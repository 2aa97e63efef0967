"""A region profile with nothing cached (no page, no fragment) costs the same few queries for every region,
however many statistics, NUTS-3 typologies, peers, organisations, groups, findings and events it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    EventFactory,
    FindingFactory,
    OrganisationFactory,
    PopulationGroupFactory,
    RegionFactory,
)
from tests.regions.test_statistics_profile import imported  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# The region and its versions; indicators; its values with its NUTS-3 typologies; peers; ancestors, children
# and outline; population groups; organisations; links; the other apps' sections (mapping 3, workshops 2,
# roadmap 2, reports 1).
PROFILE_QUERIES = 16


def cold_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_cold_profile_costs_the_same_few_queries_for_every_region(client, imported, page_cache_off):  # noqa: F811
    empty = RegionFactory(code="SE33", name="Empty")
    RegionFactory(code="SE331", parent=empty)
    child = imported.children.get(code="FI1D1")
    OrganisationFactory.create_batch(3, region=imported)
    OrganisationFactory.create_batch(2, region=child)
    PopulationGroupFactory.create_batch(2, regions=[imported, child])
    FindingFactory.create_batch(2, region=imported)
    EventFactory.create_batch(2, host_regions=[imported, child])
    client.get("/regions/SE331/")  # the session and content types, read once per process

    counts = {path: cold_queries(client, path) for path in ("/regions/FI1D/", "/regions/FI1D1/", "/regions/SE33/")}

    assert counts == dict.fromkeys(counts, PROFILE_QUERIES)
    body = client.get("/regions/FI1D/").content.decode()
    assert "1,272,126" in body and "2 of 3 NUTS-3 regions are remote" in body
