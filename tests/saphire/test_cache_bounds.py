"""The page cache stays bounded whatever visitors put in the query string."""

import pytest
from django.core.cache import cache

from tests.factories import RegionFactory
from tests.saphire.test_page_cache import page_keys

pytestmark = pytest.mark.django_db


def used_memory() -> int:
    return cache._cache.get_client(write=True).info("memory")["used_memory"]


def test_ten_thousand_distinct_query_strings_keep_keys_and_memory_bounded(client, settings):
    settings.PAGE_CACHE_VARIANTS = 50
    for code in ("FI1D", "FI1C", "BE21"):
        RegionFactory(code=code)
    assert client.get("/regions/").status_code == 200
    before = used_memory()

    # Declared parameters (the list's page, country and level; the map's year) with values nobody else asks for.
    for n in range(10_000):
        path, query = [
            ("/regions/", {"page": n}),
            ("/regions/", {"country": f"x{n}"}),
            ("/regions/map/", {"year": n}),
            ("/regions/map/", {"level": n, "indicator": f"made-up-{n}"}),
        ][n % 4]
        assert client.get(path, query).status_code == 200

    keys = page_keys()
    assert len(keys) <= 2 * settings.PAGE_CACHE_VARIANTS + 1
    assert used_memory() - before < 4 * 1024 * 1024
    # The page cached before the flood is still served from the cache.
    assert client.get("/regions/").status_code == 200
    assert len(page_keys()) == len(keys)
