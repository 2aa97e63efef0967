"""The public page cache: only declared query parameters make keys, and a dead cache never breaks a page."""

import re
import time

import pytest
from django.conf import settings
from django.core.cache import cache

from saphire import embedded, page_cache
from tests.factories import PilotFactory, RegionFactory
from tests.roadmap.conftest import library, publish_roadmap  # noqa: F401

pytestmark = pytest.mark.django_db


def without_csrf_tokens(html: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "<token>", html)


def page_keys() -> list[bytes]:
    client = cache._cache.get_client(write=True)
    return list(client.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*:html:*", count=1000))


def test_unknown_query_parameters_do_not_create_keys(client, library):  # noqa: F811
    plain = without_csrf_tokens(client.get("/roadmap/").content.decode())

    for n in range(300):
        assert client.get("/roadmap/", {"utm": n, "fbclid": f"x{n}"}).status_code == 200

    assert len(page_keys()) == 1
    assert without_csrf_tokens(client.get("/roadmap/", {"utm": 1}).content.decode()) == plain


def test_unknown_parameters_do_not_leak_into_the_cached_page(client, library):  # noqa: F811
    body = client.get("/roadmap/", {"utm_campaign": "secret-mailing-42"}).content.decode()

    assert "secret-mailing-42" not in body
    assert "secret-mailing-42" not in client.get("/roadmap/").content.decode()


def test_declared_parameters_still_vary_the_page(client, library):  # noqa: F811
    everything = client.get("/roadmap/").content.decode()
    data_only = client.get("/roadmap/", {"theme": "DATA", "utm": "1"}).content.decode()

    assert "/roadmap/modules/ACCESS-01/" in everything
    assert "/roadmap/modules/ACCESS-01/" not in data_only and "/roadmap/modules/DATA-01/" in data_only
    assert len(page_keys()) == 2


def test_free_text_search_is_rendered_not_cached(client, library):  # noqa: F811
    for n in range(20):
        client.get("/roadmap/", {"q": f"telemedicine {n}"})

    assert page_keys() == []
    assert "/roadmap/modules/ACCESS-01/" in client.get("/roadmap/", {"q": "telemed"}).content.decode()


def test_pilot_filters_are_the_declared_parameters(client):
    PilotFactory(title="Open pilot")

    client.get("/pilots/", {"utm": "a"})
    client.get("/pilots/", {"utm": "b"})
    client.get("/pilots/", {"status": "completed"})

    assert len(page_keys()) == 2


def test_signed_in_visits_create_no_keys(client_as, coordinator, library):  # noqa: F811
    client_as(coordinator).get("/roadmap/", {"utm": "1"})

    assert page_keys() == []


# The cache is down --------------------------------------------------------------------------------------

DEAD_CACHE = {
    "default": {
        **settings.CACHES["default"],
        "LOCATION": f"redis://127.0.0.1:{embedded.free_port()}/0",
    }
}


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = DEAD_CACHE
    page_cache.forget_local()
    yield
    page_cache.forget_local()


@pytest.mark.parametrize("path", ["/roadmap/", "/roadmap/regions/FI1D/", "/pilots/", "/roadmap/modules/GOV-01/"])
def test_public_pages_render_when_the_cache_is_down(client, library, dead_cache, path):  # noqa: F811
    publish_roadmap(RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi"), (library["GOV-01"], 1))
    PilotFactory(title="Open pilot")

    response = client.get(path)

    assert response.status_code == 200


def test_a_dead_cache_costs_one_short_timeout_not_one_per_request(client, library, dead_cache):  # noqa: F811
    client.get("/roadmap/")  # notices the outage

    started = time.monotonic()
    for _ in range(10):
        assert client.get("/roadmap/modules/GOV-01/").status_code == 200
    assert time.monotonic() - started < 5


def test_publishing_works_while_the_cache_is_down(library, dead_cache, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        version = publish_roadmap(RegionFactory(code="FI1D"), (library["GOV-01"], 1))

    assert version.pk is not None
