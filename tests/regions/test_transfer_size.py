"""Bytes on the wire with `Accept-Encoding: gzip`, on the real NUTS shapes (2010 regions) and lists of
realistic length: the map of Europe at NUTS 2 at most 60 KB, at NUTS 3 at most 200 KB, any other public
page at most 30 KB (slow links in remote regions)."""

import random

import pytest

from regions import nuts
from regions.models import Organisation, OrganisationKind, Region, ValueChainStage
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

KB = 1024
MAP_LIMITS = {"/regions/map/?level=2": 60 * KB, "/regions/map/?level=3": 200 * KB}
PAGES = [
    "/",
    "/regions/",
    "/regions/?level=3",
    "/regions/FI1D/",
    "/regions/FI1D1/",
    "/regions/organisations/",
    "/events/",
    "/events/?view=month",
    "/mapping/results/",
    "/roadmap/",
    "/pilots/",
    "/reports/",
]


@pytest.fixture
def europe(shared_data_dir):
    nuts.nuts_import(path=shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326.geojson", version=2021)
    rng = random.Random(14)
    regions = list(Region.objects.filter(level=2, nuts_version=2021))
    kinds, stages = list(OrganisationKind.values), list(ValueChainStage.values)
    Organisation.objects.bulk_create(
        Organisation(
            region=rng.choice(regions), name=f"Organisation {n:04d} for personalised medicine",
            kind=rng.choice(kinds), value_chain_stages=rng.sample(stages, 2), status=Organisation.Status.APPROVED,
        )
        for n in range(1000)
    )  # fmt: skip
    fi1d = Region.objects.get(code="FI1D", nuts_version=2021)
    for n in range(40):
        EventFactory(title=f"Workshop {n} on genomic data", host_regions=[rng.choice(regions + [fi1d])])


def gzipped_size(client, path: str) -> int:
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, path
    assert response["Content-Encoding"] == "gzip", path
    return len(response.content)


def test_map_pages_and_every_other_public_page_fit_slow_links(client, europe):
    sizes = {path: gzipped_size(client, path) for path in [*MAP_LIMITS, *PAGES]}

    too_big = {path: f"{size / KB:.1f} KB" for path, size in sizes.items() if size > MAP_LIMITS.get(path, 30 * KB)}
    assert too_big == {}
    # The maps draw every region: a map that lost its shapes would pass the limits above.
    assert sizes["/regions/map/?level=3"] > sizes["/regions/map/?level=2"] > 20 * KB
