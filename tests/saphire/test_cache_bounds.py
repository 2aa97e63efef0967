"""The page cache stays bounded whatever visitors put in the query string."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from saphire.page_cache import PUBLIC
from tests.factories import RegionFactory
from tests.saphire.test_page_cache import page_keys

pytestmark = pytest.mark.django_db
PAGE = "<html>" + "a public page of about thirty kilobytes " * 750 + "</html>"


def used_memory() -> int:
    return cache._cache.get_client(write=True).info("memory")["used_memory"]


@PUBLIC.page(vary_on=("page", "country", "year"))
def a_public_page(request):
    return HttpResponse(PAGE)


def get(path: str, query: dict) -> HttpResponse:
    request = RequestFactory().get(path, query)
    request.user, request.LANGUAGE_CODE = AnonymousUser(), "en"
    return a_public_page(request)


def test_ten_thousand_distinct_query_strings_keep_keys_and_memory_bounded(settings):
    settings.PAGE_CACHE_VARIANTS = 100
    get("/regions/", {})
    before = used_memory()

    # Declared parameters with values nobody else asks for, on two paths.
    for n in range(10_000):
        path = "/regions/" if n % 2 else "/events/"
        assert get(path, [{"page": n}, {"country": f"x{n}"}, {"year": n, "page": 1}][n % 3]).status_code == 200

    keys = page_keys()
    assert len(keys) == 2 * settings.PAGE_CACHE_VARIANTS
    # 200 pages of 30 KB, and nothing for the other 9,800 query strings.
    assert used_memory() - before < 200 * len(PAGE) + 2 * 1024 * 1024
    # The page cached before the flood is still served from the cache.
    assert get("/regions/", {}).status_code == 200
    assert len(page_keys()) == len(keys)


def test_real_pages_stop_storing_variants_at_the_bound(client, settings):
    settings.PAGE_CACHE_VARIANTS = 5
    RegionFactory(code="FI1D")

    for n in range(30):
        assert client.get("/regions/", {"page": n}).status_code == 200
        assert client.get("/regions/map/", {"year": 2000 + n}).status_code == 200

    assert len(page_keys()) == 2 * 5
