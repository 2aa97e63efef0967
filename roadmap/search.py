"""Public full-text search over published modules and region roadmaps.

PostgreSQL full-text search with English and French stemming ranks whole words; a `simple`
prefix query finds partial words; where pg_trgm is installed, trigram similarity on titles
forgives typos. Without pg_trgm (the embedded server has no contrib) typos are not forgiven but
everything else works the same.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Exists, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

from roadmap.models import ModuleVersion, RoadmapVersion

_trigram_by_db: dict[str, bool] = {}
MAX_TERMS = 8
TRIGRAM_THRESHOLD = 0.3


def trigram_available() -> bool:
    """Whether pg_trgm is installed in this database (asked once per process)."""
    key = connection.settings_dict["NAME"]
    if key not in _trigram_by_db:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_by_db[key] = cursor.fetchone() is not None
    return _trigram_by_db[key]


def terms_of(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


def _query(q: str, lang: str) -> SearchQuery:
    prefix = " & ".join(f"{term}:*" for term in terms_of(q))
    first, second = ("french", "english") if lang == "fr" else ("english", "french")
    return (
        SearchQuery(q, search_type="websearch", config=first)
        | SearchQuery(q, search_type="websearch", config=second)
        | SearchQuery(prefix, search_type="raw", config="simple")
    )


def _apply(
    qs: QuerySet,
    *,
    q: str,
    lang: str,
    vector,
    title_fields: tuple[str, ...],
    text_fields: tuple[str, ...],
    use_trigram: bool | None,
) -> QuerySet:
    terms = terms_of(q)
    if not terms:
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    query = _query(q, lang)
    matched = qs.annotate(document=vector).filter(document=query)
    qs = qs.annotate(document=vector, text_rank=SearchRank(vector, query))
    if use_trigram is None:
        use_trigram = trigram_available()
    if use_trigram:
        # Fuzzy matches only when the words themselves find nothing: a typo should not drown good results
        # ("telemedicine" is close to "medicine", but the visitor meant telemedicine).
        similarity = Greatest(*[Coalesce(TrigramWordSimilarity(q, field), 0.0) for field in title_fields])
        return (
            qs.annotate(similarity=similarity, nothing_matched=~Exists(matched.values("pk")))
            .filter(Q(document=query) | Q(nothing_matched=True, similarity__gte=TRIGRAM_THRESHOLD))
            .annotate(rank=F("text_rank") + F("similarity"))
        )
    # Without trigrams, substrings still match partial words anywhere in a word.
    for term in terms:
        qs = qs.filter(Q(document=query) | Q(*[Q(**{f"{f}__icontains": term}) for f in text_fields], _connector=Q.OR))
    return qs.annotate(rank=F("text_rank"))


def module_vector(lang: str) -> SearchVector:
    return (
        SearchVector("code", weight="A", config="simple")
        + SearchVector("title", weight="A", config="english")
        + SearchVector("title_fr", weight="A", config="french")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("summary_fr", weight="B", config="french")
        + SearchVector("body", weight="C", config="english")
        + SearchVector("title", "title_fr", "summary", "summary_fr", "body", weight="D", config="simple")
    )


def search_modules(qs: QuerySet[ModuleVersion], *, q: str, lang: str, use_trigram: bool | None = None) -> QuerySet:
    return _apply(
        qs,
        q=q,
        lang=lang,
        vector=module_vector(lang),
        title_fields=("title", "title_fr", "code"),
        text_fields=("title", "title_fr", "summary", "summary_fr", "body"),
        use_trigram=use_trigram,
    )


def search_roadmaps(qs: QuerySet[RoadmapVersion], *, q: str, lang: str, use_trigram: bool | None = None) -> QuerySet:
    vector = (
        SearchVector("region__code", weight="A", config="simple")
        + SearchVector("region__name", weight="A", config="simple")
        + SearchVector("title", weight="A", config="english")
        + SearchVector("vision", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
        + SearchVector("body", weight="C", config="french")
        + SearchVector("title", "vision", "body", weight="D", config="simple")
    )
    return _apply(
        qs,
        q=q,
        lang=lang,
        vector=vector,
        title_fields=("title", "region__name"),
        text_fields=("title", "vision", "body", "region__name"),
        use_trigram=use_trigram,
    )
