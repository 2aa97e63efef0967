"""What participation adds to roadmap pages through saphire.plugins (roadmap may not import it)."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from participation import permissions, selectors
from regions.models import Region
from roadmap.models import Pilot
from roadmap.search import search_config, terms_of
from saphire import roles
from saphire.plugins import Note


def item_notes(*, region, version) -> dict[str, list[Note]]:
    notes: dict[str, list[Note]] = {}
    for change in selectors.changes_in_version(region=region, published_at=version.published_at):
        url = reverse("participation:consultation-summary", kwargs={"pk": change.consultation_id})
        notes.setdefault(change.item_code, []).append(
            Note(text=change.description, url=f"{url}#change-{change.pk}", label=_("Changed because of your comments"))
        )
    return notes


def module_evidence(*, code: str) -> list[Note]:
    return [
        Note(text=practice.title, url=practice.get_absolute_url(), label=practice.region.name)
        for practice in selectors.module_best_practices(code=code)
    ]


def search(*, q: str, lang: str, limit: int = 20) -> list[Note]:
    terms = terms_of(q)
    if not terms:
        return []
    vector = SearchVector("title", weight="A", config="simple") + SearchVector(
        "what_was_done", "results", weight="B", config="simple"
    )
    stemmed = SearchVector("title", "what_was_done", "results", config=search_config(lang))
    prefix = SearchQuery(" & ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")
    words = SearchQuery(q, search_type="websearch", config=search_config(lang))
    query = prefix | words
    practices = (
        selectors.published_best_practices()
        .annotate(document=vector + stemmed)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query))
        .order_by("-rank", "title")[:limit]
    )
    return [Note(text=p.title, url=p.get_absolute_url(), label=p.region.name) for p in practices]


def links(*, region, user) -> list[Note]:
    found = [
        Note(text=_("Consultation: %(title)s") % {"title": c.title}, url=c.get_absolute_url())
        for c in selectors.consultation_list(region=region)[:3]
    ]
    if permissions.can_open_consultation(user, region):
        found.append(
            Note(
                text=_("Open the draft for comments"),
                url=reverse("participation:consultation-new", kwargs={"nuts_code": region.code}),
            )
        )
    return found


def interest_links(*, target, user) -> list[Note]:
    if isinstance(target, Pilot):
        url = reverse("participation:pilot-interest", kwargs={"key": target.slug})
    elif isinstance(target, Region) and not roles.is_official_of(user, target.pk):
        url = reverse("participation:region-interest", kwargs={"key": target.code})
    else:
        return []
    return [Note(text=_("Express interest"), url=url)]
