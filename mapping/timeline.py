"""One audit timeline per response: every stored change of an answer, its evidence or confidence, and
every step of the review (submit, return, reply, resolve, reopen, accept), with who and when.

Read-only: rows come from AnswerChange and ResponseEvent, merged newest first. Filters by section,
person and kind apply in SQL so a long history stays cheap.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping import values as answer_values
from mapping.models import Answer, AnswerChange, Question, Response, ResponseEvent, Section

ANSWER_KIND = "answer"


def kind_choices() -> list[tuple[str, str]]:
    return [(ANSWER_KIND, _("Answer changed"))] + [(k.value, k.label) for k in ResponseEvent.Kind]


# jsonb keeps keys in its own order (shortest first): entries list fields in this one.
FIELD_ORDER = ["value", "evidence_source", "evidence_year", "evidence_note", "confidence", "carried_over"]


def in_field_order(names):
    return sorted(names, key=lambda name: FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER))


def field_labels() -> dict[str, str]:
    return {
        "value": _("Answer"),
        "evidence_source": _("Evidence source"),
        "evidence_year": _("Evidence year"),
        "evidence_note": _("Reference"),
        "confidence": _("Confidence"),
        "carried_over": _("Carried over"),
    }


@dataclass
class Entry:
    at: datetime.datetime
    by: User | None
    kind: str
    kind_label: str
    question: Question | None = None
    # (field label, before, after), every one a real change.
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    text: str = ""

    @property
    def who(self) -> str:
        return self.by.get_username() if self.by else ""


def shown(name: str, question: Question, value) -> str:
    if value in (None, ""):
        return ""
    if name == "value":
        return answer_values.display(question, value)
    if name == "evidence_source":
        return str(dict(Answer.Source.choices).get(value, value))
    if name == "confidence":
        return str(dict(Answer.Confidence.choices).get(value, value))
    if name == "carried_over":
        return _("carried over") if value else _("confirmed")
    return str(value)


def change_pairs(change: AnswerChange, question: Question) -> list[tuple[str, str, str]]:
    labels = field_labels()
    raw = {}
    if change.old_value != change.new_value:
        raw["value"] = (change.old_value, change.new_value)
    raw.update({name: tuple(pair) for name, pair in (change.fields or {}).items()})
    pairs = []
    for name in in_field_order(raw):
        old, new = raw[name]
        before, after = shown(name, question, old), shown(name, question, new)
        if before != after:
            pairs.append((labels.get(name, name), before, after))
    return pairs


def response_timeline(
    *, response: Response, section: int | None = None, person: int | None = None, kind: str = ""
) -> list[Entry]:
    """The response's audit entries, newest first. An answer save that changed nothing visible is left out."""
    entries: list[Entry] = []
    if kind in ("", ANSWER_KIND):
        changes = AnswerChange.objects.filter(response=response).select_related("changed_by", "answer__question")
        if section:
            changes = changes.filter(answer__question__section_id=section)
        if person:
            changes = changes.filter(changed_by_id=person)
        label = _("Answer changed")
        for change in changes:
            question = change.answer.question
            pairs = change_pairs(change, question)
            if pairs:
                entries.append(Entry(change.changed_at, change.changed_by, ANSWER_KIND, label, question, pairs))
    if kind != ANSWER_KIND:
        events = response.events.select_related("by", "question")
        if kind:
            events = events.filter(kind=kind)
        if section:
            events = events.filter(question__section_id=section)
        if person:
            events = events.filter(by_id=person)
        for event in events:
            entries.append(
                Entry(event.at, event.by, event.kind, event.get_kind_display(), event.question, text=event.comment)
            )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def timeline_people(*, response: Response) -> list[User]:
    ids = set(AnswerChange.objects.filter(response=response).values_list("changed_by_id", flat=True))
    ids |= set(response.events.values_list("by_id", flat=True))
    return list(User.objects.filter(pk__in=ids - {None}).order_by("username"))


def timeline_sections(*, response: Response) -> list[Section]:
    return list(response.campaign.version.sections.all())


def timeline_rows(entries: list[Entry]):
    """The CSV rows of a timeline: times in the reader's time zone (said in the header), one row per
    changed field."""
    tz = timezone.get_current_timezone()
    yield [f"when ({tz})", "who", "kind", "question", "field", "before", "after", "comment"]
    for entry in entries:
        when = timezone.localtime(entry.at, tz).strftime("%Y-%m-%d %H:%M:%S")
        code = entry.question.code if entry.question else ""
        if entry.changes:
            for label, before, after in entry.changes:
                yield [when, entry.who, entry.kind_label, code, label, before, after, ""]
        else:
            yield [when, entry.who, entry.kind_label, code, "", "", "", entry.text]
