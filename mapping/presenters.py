"""Shapes questionnaire questions and answers for the templates (texts in the reader's language)."""

from dataclasses import dataclass, field

from mapping import values as answer_values
from mapping.i18n import option_labels, translated
from mapping.models import Answer, Question, Section
from mapping.timeline import field_labels, shown


@dataclass
class QuestionView:
    question: Question
    text: str
    help_text: str
    answer: Answer | None
    visible: bool
    editable: bool
    options: list[tuple[str, str, bool]] = field(default_factory=list)
    input_value: str = ""
    display: str = ""
    revision: int = 0
    comments: list = field(default_factory=list)
    disagreement: list = field(default_factory=list)
    error: str = ""
    conflict: dict | None = None
    saved: bool = False
    missing: bool = False
    changed_since_return: list = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"q-{self.question.pk}"


def _selected(question: Question, value) -> set[str]:
    if value is None:
        return set()
    if question.kind == Question.Kind.YES_NO:
        return {"yes" if value else "no"} if isinstance(value, bool) else {str(value)}
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}


def question_view(
    question: Question,
    answer: Answer | None,
    *,
    visible: bool,
    editable: bool,
    typed=None,
    **extra,
) -> QuestionView:
    """`typed` is what the user sent when a save failed, so the page shows it again."""
    value = answer.value if answer else None
    labels = option_labels(question)
    if question.kind == Question.Kind.LIKERT:
        scale = answer_values.likert_labels(question)
        choices = [(str(n), labels.get(str(n)) or scale[n - 1]) for n in range(1, 6)]
    elif question.kind == Question.Kind.YES_NO:
        from django.utils.translation import gettext

        choices = [("yes", gettext("Yes")), ("no", gettext("No"))]
    else:
        choices = [(str(o["value"]), labels.get(str(o["value"]), o.get("label", ""))) for o in question.options or []]
    if isinstance(typed, list):
        chosen = {str(v) for v in typed}
    elif isinstance(typed, str):
        chosen = {typed}
    else:
        chosen = _selected(question, value)
    input_value = ""
    if question.kind in (Question.Kind.NUMBER, Question.Kind.TEXT):
        if isinstance(typed, str):
            input_value = typed
        elif value is not None:
            input_value = answer_values.display(question, value)
    return QuestionView(
        question=question,
        text=translated(question, "text"),
        help_text=translated(question, "help_text"),
        answer=answer,
        visible=visible,
        editable=editable,
        options=[(v, label, v in chosen) for v, label in choices],
        input_value=input_value,
        display=answer_values.display(question, value, labels),
        revision=answer.revision if answer else 0,
        **extra,
    )


@dataclass
class SectionView:
    section: Section
    title: str
    index: int
    questions: list[Question]
    required: int = 0
    answered: int = 0
    open_comments: int = 0


def section_views(
    sections: list[Section], questions: list[Question], values: dict, visible: set[int]
) -> list[SectionView]:
    by_section: dict[int, list[Question]] = {}
    for question in questions:
        by_section.setdefault(question.section_id, []).append(question)
    result = []
    for index, section in enumerate(sections, start=1):
        items = sorted(by_section.get(section.pk, []), key=lambda q: (q.order, q.pk))
        required = [q for q in items if q.required and q.pk in visible]
        answered = [q for q in required if not answer_values.is_empty(values.get(q.pk))]
        result.append(
            SectionView(
                section=section,
                title=translated(section, "title"),
                index=index,
                questions=items,
                required=len(required),
                answered=len(answered),
            )
        )
    return result


def count_open_comments(sections: list[SectionView], comments: dict, questions: list[Question]) -> int:
    """Set each section's count of open review threads on its questions; returns the count of all open
    threads, the general ones included."""
    section_of = {q.pk: q.section_id for q in questions}
    per_section: dict[int, int] = {}
    total = 0
    for question_id, threads in comments.items():
        open_threads = sum(1 for thread in threads if not thread.resolved)
        total += open_threads
        if question_id is not None:
            key = section_of.get(question_id)
            per_section[key] = per_section.get(key, 0) + open_threads
    for section in sections:
        section.open_comments = per_section.get(section.section.pk, 0)
    return total


def field_diff(question: Question, changes: list[tuple[str, object, object]]) -> list[tuple[str, str, str]]:
    """(field label, before, after) in readable form, for the re-review of a returned response."""
    labels = field_labels()
    rows = []
    for name, old, new in changes:
        before, after = shown(name, question, old), shown(name, question, new)
        if before != after:
            rows.append((labels.get(name, name), before, after))
    return rows
