import pytest

from roadmap import search, selectors
from tests.factories import ModuleFactory, RegionFactory

from .conftest import publish_roadmap

pytestmark = pytest.mark.django_db

BOTH_PATHS = pytest.mark.parametrize("use_trigram", [True, False], ids=["pg_trgm", "no-contrib"])


def codes(qs):
    return [v.code for v in qs]


def test_test_database_has_pg_trgm():
    # The trigram path is only tested where the extension exists; this database must have it.
    assert search.trigram_available()


@BOTH_PATHS
def test_english_search_ranks_by_stemmed_words(library, use_trigram):
    found = codes(selectors.public_modules(q="interoperable data", lang="en", use_trigram=use_trigram))

    assert found[0] == "DATA-01"


@BOTH_PATHS
def test_french_search_finds_french_text_with_french_stemming(library, use_trigram):
    # "éloignée" (singular) finds "éloignées" (plural) through the French stemmer.
    found = codes(selectors.public_modules(q="région éloignée", lang="fr", use_trigram=use_trigram))

    assert found == ["ACCESS-01"]


@BOTH_PATHS
def test_partial_words_find_modules(library, use_trigram):
    assert codes(selectors.public_modules(q="telemed", lang="en", use_trigram=use_trigram)) == ["ACCESS-01"]
    assert codes(selectors.public_modules(q="interop", lang="en", use_trigram=use_trigram)) == ["DATA-01"]


def test_typos_are_forgiven_with_trigrams(library):
    assert codes(selectors.public_modules(q="telemedicnie", lang="en", use_trigram=True))[0] == "ACCESS-01"
    assert codes(selectors.public_modules(q="interoperabilty", lang="en", use_trigram=True))[0] == "DATA-01"


def test_close_words_do_not_add_noise_when_the_words_match(library):
    assert codes(selectors.public_modules(q="telemedicine", lang="en", use_trigram=True)) == ["ACCESS-01"]


def test_typos_without_trigrams_find_nothing_rather_than_everything(library):
    assert codes(selectors.public_modules(q="telemedicnie", lang="en", use_trigram=False)) == []


@BOTH_PATHS
def test_drafts_are_never_found(library, use_trigram):
    ModuleFactory(code="DRAFT-01", title="Secret telemedicine draft")

    assert "DRAFT-01" not in codes(selectors.public_modules(q="telemedicine", use_trigram=use_trigram))
    assert "DRAFT-01" not in codes(selectors.public_modules())


@BOTH_PATHS
def test_roadmaps_are_found_by_region_name_and_module(library, use_trigram):
    crete = RegionFactory(code="EL43", name="Kriti")
    publish_roadmap(crete, (library["GOV-01"], 1))

    by_name = selectors.public_roadmaps(q="Kriti", use_trigram=use_trigram)
    by_module = selectors.public_roadmaps(q="strategy", use_trigram=use_trigram)

    assert [r.region.code for r in by_name] == ["EL43"]
    assert [r.region.code for r in by_module] == ["EL43"]


def test_filters_theme_horizon_cost(library):
    assert codes(selectors.public_modules(theme="DATA")) == ["DATA-01"]
    assert codes(selectors.public_modules(horizon="short")) == ["ACCESS-01", "DATA-01", "GOV-01"]
    assert codes(selectors.public_modules(horizon="long")) == []
    assert codes(selectors.public_modules(cost="high")) == []


def test_search_ignores_punctuation_only_queries(library):
    assert len(codes(selectors.public_modules(q="&&& :*"))) == 3
