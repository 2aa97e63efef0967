"""Every public page through the cache: answers with the cache down, and makes no keys for unknown parameters."""

import pytest
from django.test import Client
from django.utils import timezone

from reports.models import Report
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PilotFactory,
    RegionFactory,
    ReportFactory,
    published_module,
)
from tests.roadmap.conftest import publish_roadmap
from tests.saphire.test_page_cache import dead_cache, page_keys  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(region):
    RegionFactory(code="FI1D1", name="Lappi")
    OrganisationFactory(region=region, name="Oulu University Hospital")
    event = EventFactory(host_regions=[region], title="Genomics workshop")
    report = ReportFactory(region=region, status=Report.Status.DONE, published_at=timezone.now())
    PilotFactory(title="Newborn screening", regions=[region])
    publish_roadmap(region, (published_module("GOV-01", title="Regional personalised medicine strategy"), 1))
    return {"event": event.pk, "report": report.pk, "region": region.code}


PATHS = [
    "/",
    "/regions/",
    "/regions/{region}/",
    "/regions/map/",
    "/regions/map/?level=3",
    "/regions/organisations/",
    "/regions/organisations/network/",
    "/events/",
    "/events/?view=month",
    "/events/{event}/",
    "/mapping/results/",
    "/mapping/results/map/",
    "/mapping/results/regions/{region}/",
    "/roadmap/",
    "/roadmap/regions/{region}/",
    "/pilots/",
    "/reports/",
    "/reports/{report}/",
    "/regions/{region}/network/",
    "/roadmap/regions/{region}/partners/",
    "/roadmap/modules/GOV-01/",
    "/roadmap/dependencies/",
    "/mapping/themes/",
    "/mapping/findings/",
    "/participate/consultations/",
    "/participate/best-practices/",
]


@pytest.mark.parametrize("path", PATHS)
def test_every_public_page_is_cached_once(client, portal, path):
    url = path.format(**portal)
    assert client.get(url).status_code == 200
    keys = len(page_keys())

    for n in range(20):
        separator = "&" if "?" in url else "?"
        assert client.get(f"{url}{separator}utm_source={n}&fbclid=x{n}").status_code == 200

    assert keys == 1
    assert len(page_keys()) == keys


@pytest.mark.parametrize("path", PATHS)
def test_every_public_page_is_the_same_bytes_for_every_visitor(portal, path):
    """No token, no cookie: the cache serves one page (and its compressed forms, made once) to everyone."""
    url = path.format(**portal)
    first, second = Client(), Client()
    rendered, cached = first.get(url), second.get(url)

    assert rendered.status_code == cached.status_code == 200
    assert rendered.content == cached.content
    assert "csrfmiddlewaretoken" not in cached.content.decode()
    assert not rendered.cookies and not cached.cookies


def test_thousands_of_distinct_query_strings_make_no_new_keys(client, portal):
    pages = [path.format(**portal) for path in PATHS if "?" not in path]
    for url in pages:
        client.get(url)
    keys = sorted(page_keys())

    for n in range(2000):
        url = pages[n % len(pages)]
        assert client.get(url, {f"p{n}": n, "utm_campaign": f"mail-{n}"}).status_code == 200

    assert sorted(page_keys()) == keys


@pytest.mark.parametrize("path", PATHS)
def test_every_public_page_answers_with_the_cache_down(client, portal, dead_cache, path):  # noqa: F811
    assert client.get(path.format(**portal), {"utm": "1"}).status_code == 200


@pytest.mark.parametrize("path", PATHS)
def test_signed_in_visitors_get_every_page_rendered_not_cached(client_as, coordinator, portal, path):
    response = client_as(coordinator).get(path.format(**portal))

    assert response.status_code == 200
    assert page_keys() == []
