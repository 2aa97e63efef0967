"""What the apps above roadmap add to its pages, read from saphire.plugins (roadmap may not import them)."""

from saphire import plugins
from saphire.plugins import Note


def item_notes(*, region, version) -> dict[str, list[Note]]:
    """Notes per item code ("" for the roadmap as a whole), from every app that adds some."""
    notes: dict[str, list[Note]] = {}
    for entry in plugins.roadmap_item_notes:
        for code, lines in entry(region=region, version=version).items():
            notes.setdefault(code, []).extend(lines)
    return notes


def module_evidence(*, code: str) -> list[Note]:
    return [note for entry in plugins.module_evidence for note in entry(code=code)]


def search(*, q: str, lang: str, limit: int = 20) -> list[Note]:
    return [note for entry in plugins.roadmap_search for note in entry(q=q, lang=lang, limit=limit)]


def links(*, region, user) -> list[Note]:
    return [note for entry in plugins.roadmap_links for note in entry(region=region, user=user)]


def interest_links(*, target, user) -> list[Note]:
    if not user.is_authenticated:
        return []
    return [note for entry in plugins.interest_links for note in entry(target=target, user=user)]
