"""A region profile keeps its expensive parts (statistics, peers, outline, other apps' sections) between
pages: a page made stale renders again from them, in a few queries, and an import redraws them at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.statistics import importer
from saphire import page_cache
from tests.factories import RegionFactory, UserFactory
from tests.regions.test_statistics_profile import POPULATION, imported  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def make_pages_stale():
    """What a publication does to every page, at once (the test's transaction never commits)."""
    key = page_cache.counter(page_cache.PAGES).key
    cache.get_or_set(key, 1, None)
    cache.incr(key)
    page_cache.forget_local()


def queries_of(client, path) -> int:
    make_pages_stale()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_stale_profile_renders_from_its_fragments_in_fewer_and_constant_queries(client, imported):  # noqa: F811
    empty = RegionFactory(code="SE33", name="Empty")
    RegionFactory(code="SE331", parent=empty)
    first = {path: queries_of(client, path) for path in ("/regions/FI1D/", "/regions/SE33/")}

    again = {path: queries_of(client, path) for path in ("/regions/FI1D/", "/regions/SE33/")}

    assert again["/regions/FI1D/"] == again["/regions/SE33/"]
    assert again["/regions/FI1D/"] < first["/regions/FI1D/"]
    assert again["/regions/FI1D/"] <= 6


def test_signed_in_profile_shares_the_statistics_fragment(client_as, imported):  # noqa: F811
    client = client_as(UserFactory(username="sofia"))
    cold = queries_of(client, "/regions/FI1D/")

    warm = queries_of(client, "/regions/FI1D/")

    assert warm < cold
    assert "1,272,126" in client.get("/regions/FI1D/").content.decode()


def test_an_import_shows_on_the_profile_right_after_it(
    client,
    imported,  # noqa: F811
    tmp_path,
    django_capture_on_commit_callbacks,
):
    assert "1,272,126" in client.get("/regions/FI1D/").content.decode()
    path = tmp_path / "new" / "demo_r_pjanaggr3.tsv"
    path.parent.mkdir()
    path.write_text(POPULATION.replace("1272126 p", "1280000 p"), encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        importer.indicators_import(paths=[path])
    body = client.get("/regions/FI1D/").content.decode()

    assert "1,280,000" in body and "1,272,126" not in body
