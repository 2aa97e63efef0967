import pytest
from django.db import connection
from django.utils.html import escape

from roadmap import selectors
from tests.factories import ModuleFactory, RegionFactory

from .conftest import publish_roadmap

pytestmark = pytest.mark.django_db


def codes(qs):
    return [v.code for v in qs]


def test_migrations_create_the_search_extensions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent') ORDER BY 1")
        assert [row[0] for row in cursor.fetchall()] == ["pg_trgm", "unaccent"]


def test_english_search_ranks_by_stemmed_words(library):
    found = codes(selectors.public_modules(q="interoperable data", lang="en"))

    assert found[0] == "DATA-01"


def test_french_search_finds_french_text_with_french_stemming(library):
    # "éloignée" (singular) finds "éloignées" (plural) through the French stemmer.
    found = codes(selectors.public_modules(q="région éloignée", lang="fr"))

    assert found == ["ACCESS-01"]


def test_partial_words_find_modules(library):
    assert codes(selectors.public_modules(q="telemed", lang="en")) == ["ACCESS-01"]
    assert codes(selectors.public_modules(q="interop", lang="en")) == ["DATA-01"]


def test_typos_are_forgiven(library):
    assert codes(selectors.public_modules(q="telemedicnie", lang="en"))[0] == "ACCESS-01"
    assert codes(selectors.public_modules(q="interoperabilty", lang="en"))[0] == "DATA-01"


def test_close_words_do_not_add_noise_when_the_words_match(library):
    assert codes(selectors.public_modules(q="telemedicine", lang="en")) == ["ACCESS-01"]


def test_unrelated_words_find_nothing_rather_than_everything(library):
    assert codes(selectors.public_modules(q="zebra", lang="en")) == []


def test_drafts_are_never_found(library):
    ModuleFactory(code="DRAFT-01", title="Secret telemedicine draft")

    assert "DRAFT-01" not in codes(selectors.public_modules(q="telemedicine"))
    assert "DRAFT-01" not in codes(selectors.public_modules())


def test_roadmaps_are_found_by_region_name_and_module(library):
    crete = RegionFactory(code="EL43", name="Kriti")
    publish_roadmap(crete, (library["GOV-01"], 1))

    by_name = selectors.public_roadmaps(q="Kriti")
    by_module = selectors.public_roadmaps(q="strategy")

    assert [r.region.code for r in by_name] == ["EL43"]
    assert [r.region.code for r in by_module] == ["EL43"]


def test_filters_theme_horizon_cost(library):
    assert codes(selectors.public_modules(theme="DATA")) == ["DATA-01"]
    assert codes(selectors.public_modules(horizon="short")) == ["ACCESS-01", "DATA-01", "GOV-01"]
    assert codes(selectors.public_modules(horizon="long")) == []
    assert codes(selectors.public_modules(cost="high")) == []


def test_search_ignores_punctuation_only_queries(library):
    assert len(codes(selectors.public_modules(q="&&& :*"))) == 3


def test_portal_search_forgives_a_typo_in_the_starter_library(client):
    from roadmap.demo import load_library

    load_library()
    genomics = [v.title for v in selectors.public_modules() if "genomic" in v.title.lower()]

    body = client.get("/roadmap/", {"q": "genomcs"}).content.decode()

    assert len(genomics) >= 3
    found = [title for title in genomics if escape(title) in body]
    assert found == genomics, f"missing: {set(genomics) - set(found)}"
