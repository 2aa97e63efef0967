"""A version seen as an official sees it, from answers that are typed but never stored."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mapping import values as answer_values
from mapping.models import Question


@dataclass
class PreviewState:
    typed: dict[int, object] = field(default_factory=dict)
    values: dict[int, object] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    visible: set[int] = field(default_factory=set)
    missing: list[Question] = field(default_factory=list)


def field_name(question: Question) -> str:
    return f"q-{question.pk}"


def preview_state(*, questions: list[Question], data, check: bool) -> PreviewState:
    """Parse what was typed for each question like a save would; with `check`, also list the required
    questions still unanswered, as a submission would."""
    state = PreviewState()
    for question in questions:
        raw = (
            data.getlist(field_name(question))
            if question.kind == Question.Kind.MULTIPLE
            else data.get(field_name(question))
        )
        if raw is None or raw == []:
            continue
        state.typed[question.pk] = raw
        try:
            value = answer_values.clean_value(question, raw)
        except ValidationError as error:
            state.errors[question.pk] = " ".join(error.messages)
            continue
        if value is not None:
            state.values[question.pk] = value
    state.visible = answer_values.visible_question_ids(questions, state.values)
    if check:
        for question in questions:
            if (
                question.required
                and question.pk in state.visible
                and question.pk not in state.values
                and question.pk not in state.errors
            ):
                state.missing.append(question)
                state.errors[question.pk] = _("This question is required.")
    return state
