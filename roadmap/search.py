"""Public full-text search over published modules and region roadmaps.

Each published version stores its search document (each language's texts stemmed in that language,
plus a `simple` copy for partial words), built once when it is published and indexed with GIN.
Queries are parsed with every language's stemmer, the request's language first; a prefix query finds
partial words; trigram similarity on titles (pg_trgm, created by migration roadmap 0002) forgives typos.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Exists, F, FloatField, Func, Q, QuerySet, TextField, Value

from roadmap.models import ModuleVersion, RoadmapVersion
from saphire.i18n import language_codes, localized_names

MAX_TERMS = 8
TRIGRAM_THRESHOLD = 0.3


def terms_of(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


# PostgreSQL's text-search configuration for each language of settings.LANGUAGES ("simple" otherwise).
SEARCH_CONFIGS = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian", "nl": "dutch"}


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "simple")


def module_document() -> SearchVector:
    """The search document of a ModuleVersion row, for `update(search_document=...)`.

    Each language's title and summary are stemmed with that language's rules; every text is also
    indexed unstemmed, so a word typed in any language finds it.
    """
    document = SearchVector("code", weight="A", config="simple")
    for code in language_codes():
        config = search_config(code)
        document += SearchVector(f"title_{code}", weight="A", config=config)
        document += SearchVector(f"summary_{code}", weight="B", config=config)
    document += SearchVector("body", weight="C", config="english")
    return document + SearchVector(
        *localized_names("title"), *localized_names("summary"), "body", weight="D", config="simple"
    )


def roadmap_document(*, region_code: str, region_name: str) -> SearchVector:
    """The search document of a RoadmapVersion row; the region's names are copied in (no joins in UPDATE)."""
    code = Value(region_code, output_field=TextField())
    name = Value(region_name, output_field=TextField())
    return (
        SearchVector(code, name, weight="A", config="simple")
        + SearchVector("title", weight="A", config="english")
        + SearchVector("vision", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
        + SearchVector("body", weight="C", config="french")
        + SearchVector("title", "vision", "body", weight="D", config="simple")
    )


class _AnyLanguageQuery(SearchQuery):
    """The words parsed with each text-search configuration in turn, or-ed together and with the prefix
    query, written out as one expression: composed from seven SearchQuery objects, the same SQL costs
    more to build and compile in Python than PostgreSQL takes to run it."""

    def __init__(self, q: str, configs: tuple[str, ...], prefix: str):
        super().__init__(q, search_type="websearch")
        self.words, self.configs, self.prefix = q, configs, prefix

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = "to_tsquery(%s::regconfig, %s)", ["simple", self.prefix]
        for config in self.configs:  # the last one outermost, as `SearchQuery(...) | query` nests them
            sql, params = f"(websearch_to_tsquery(%s::regconfig, %s) || {sql})", [config, self.words, *params]
        return sql, params


class _TitleSimilarity(Func):
    """The best trigram word similarity of the words to any of the title fields (0 where a title is empty),
    written out directly for the same reason as _AnyLanguageQuery."""

    output_field = FloatField()

    def __init__(self, q: str, fields: tuple[str, ...]):
        super().__init__(*[F(field) for field in fields])
        self.words = q

    def as_sql(self, compiler, connection, function=None, template=None):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, field_params = compiler.compile(expression)
            parts.append(f"COALESCE(WORD_SIMILARITY(%s, {sql}), %s)")
            params += [self.words, *field_params, 0.0]
        return f"GREATEST({', '.join(parts)})", params


def _query(q: str, lang: str) -> SearchQuery:
    prefix = " & ".join(f"{term}:*" for term in terms_of(q))
    # The reader's language first, then English, then plain words (a French word typed on an English page).
    configs = dict.fromkeys([search_config(lang), "english", *(search_config(c) for c in language_codes())])
    return _AnyLanguageQuery(q, tuple(configs), prefix)


def _apply(qs: QuerySet, *, q: str, lang: str, title_fields: tuple[str, ...]) -> QuerySet:
    if not terms_of(q):
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    query = _query(q, lang)
    matched = qs.filter(search_document=query)
    # Fuzzy matches only when the words themselves find nothing: a typo should not drown good results
    # ("telemedicine" is close to "medicine", but the visitor meant telemedicine).
    similarity = _TitleSimilarity(q, title_fields)
    # Aliases, not annotations: an annotation is selected, and one the rank refers to is written out
    # (and computed per row, the stored document read again) once more inside the rank.
    return (
        qs.alias(similarity=similarity, nothing_matched=~Exists(matched.values("pk")))
        .filter(Q(search_document=query) | Q(nothing_matched=True, similarity__gte=TRIGRAM_THRESHOLD))
        .annotate(rank=SearchRank(F("search_document"), query) + similarity)
    )


def search_modules(qs: QuerySet[ModuleVersion], *, q: str, lang: str) -> QuerySet:
    return _apply(qs, q=q, lang=lang, title_fields=(*localized_names("title"), "code"))


def search_roadmaps(qs: QuerySet[RoadmapVersion], *, q: str, lang: str) -> QuerySet:
    return _apply(qs, q=q, lang=lang, title_fields=("title", "region__name"))
