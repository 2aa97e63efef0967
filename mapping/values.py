"""Answer values: parsing and validation per question type, scores, conditions.

Values are stored as JSON: Likert an int 1..5, single choice the option's value, multiple choice a
list of option values, number a number, yes/no a boolean, free text a string. None means unanswered.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mapping import conditions
from mapping.models import Question

LIKERT_DEFAULT_LABELS = [
    gettext_noop("Not at all"),
    gettext_noop("To a small extent"),
    gettext_noop("To some extent"),
    gettext_noop("To a large extent"),
    gettext_noop("Fully"),
]
TEXT_MAX_LENGTH = 5000
# Typed answers to a yes/no question in any of the portal's languages (imports, the API).
TRUE_WORDS = {"yes", "true", "1", "on", "oui", "ja", "sí", "si", "sì"}
FALSE_WORDS = {"no", "false", "0", "off", "non", "nein", "nee"}


def likert_labels(question: Question) -> list[str]:
    labels = [option.get("label", "") for option in question.options or []]
    return labels if len(labels) == 5 else [_(label) for label in LIKERT_DEFAULT_LABELS]


def option_values(question: Question) -> list[str]:
    return [str(option["value"]) for option in question.options or []]


def is_empty(raw) -> bool:
    return raw is None or raw == "" or raw == [] or (isinstance(raw, str) and not raw.strip())


def clean_value(question: Question, raw):
    """The stored value for `raw` (form strings or JSON), or ValidationError saying what to fix."""
    if is_empty(raw):
        return None
    kind = question.kind
    if kind == Question.Kind.LIKERT:
        try:
            number = int(str(raw).strip())
        except (TypeError, ValueError):
            raise ValidationError(_("Choose a point on the scale from 1 to 5.")) from None
        if not 1 <= number <= 5 or isinstance(raw, bool):
            raise ValidationError(_("Choose a point on the scale from 1 to 5."))
        return number
    if kind == Question.Kind.YES_NO:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("Answer yes or no."))
    if kind == Question.Kind.SINGLE:
        if isinstance(raw, list):
            raise ValidationError(_("Choose only one of the options."))
        value = str(raw)
        if value not in option_values(question):
            raise ValidationError(_("Choose one of the options listed."))
        return value
    if kind == Question.Kind.MULTIPLE:
        values = raw if isinstance(raw, list) else [raw]
        values = [str(value) for value in values if not is_empty(value)]
        allowed = option_values(question)
        unknown = [value for value in values if value not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown option: %(values)s. Choose from the options listed.") % {"values": ", ".join(unknown)}
            )
        # Keep the questionnaire's order and drop repeats so equal answers compare equal.
        return [value for value in allowed if value in values] or None
    if kind == Question.Kind.NUMBER:
        if isinstance(raw, bool):
            raise ValidationError(_("Enter a number."))
        try:
            number = float(str(raw).strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
        except (TypeError, ValueError):
            raise ValidationError(_("Enter a number, for example 12 or 3.5.")) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(_("Enter a number, for example 12 or 3.5."))
        low, high = question.min_value, question.max_value
        if low is not None and number < low or high is not None and number > high:
            raise ValidationError(
                _("Enter a number between %(low)s and %(high)s.")
                % {
                    "low": _fmt(low) if low is not None else "-∞",
                    "high": _fmt(high) if high is not None else "∞",
                }
            )
        return int(number) if number.is_integer() else number
    if kind == Question.Kind.TEXT:
        if not isinstance(raw, str):
            raise ValidationError(_("Enter text."))
        text = raw.strip()
        if len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Shorten the text to %(max)s characters (it has %(n)s).") % {"max": TEXT_MAX_LENGTH, "n": len(text)}
            )
        return text
    raise ValidationError(_("Unknown question type."))


def _fmt(number: float) -> str:
    return f"{number:g}"


def score(question: Question, value) -> float | None:
    """0..100 for scored types (higher is more mature), None otherwise or when unanswered."""
    if value is None:
        return None
    kind = question.kind
    if kind == Question.Kind.LIKERT:
        return (int(value) - 1) * 25.0
    if kind == Question.Kind.YES_NO:
        return 100.0 if value else 0.0
    scores = {str(option["value"]): option.get("score") for option in question.options or []}
    if kind == Question.Kind.SINGLE:
        result = scores.get(str(value))
        return float(result) if result is not None else None
    if kind == Question.Kind.MULTIPLE:
        chosen = [scores.get(str(v)) for v in value]
        chosen = [s for s in chosen if s is not None]
        if not any(s is not None for s in scores.values()):
            return None
        return float(min(100, sum(chosen)))
    return None


def display(question: Question, value, labels: dict | None = None) -> str:
    """A readable form of a stored value."""
    if value is None:
        return ""
    if question.kind == Question.Kind.YES_NO:
        return _("Yes") if value else _("No")
    if question.kind == Question.Kind.LIKERT:
        return f"{value} · {likert_labels(question)[int(value) - 1]}"
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        names = labels or {str(o["value"]): o.get("label", o["value"]) for o in question.options or []}
        values = value if isinstance(value, list) else [value]
        return "; ".join(str(names.get(str(v), v)) for v in values)
    if isinstance(value, float):
        return _fmt(value)
    return str(value)


def visible_question_ids(questions: list[Question], values: dict[int, object]) -> set[int]:
    """Questions shown given the answers; a hidden question counts as unanswered for the rules that name it."""
    by_code = {q.code: q for q in questions}
    shown: dict[int, bool] = {}

    def is_shown(question: Question, depth: int = 0) -> bool:
        if question.id in shown:
            return shown[question.id]
        result = True
        if question.condition and depth < 20:
            seen = {}
            for code in conditions.references(question.condition):
                source = by_code.get(code)
                if source is not None and source.id != question.id and is_shown(source, depth + 1):
                    seen[code] = values.get(source.id)
            result = conditions.holds(question.condition, seen)
        shown[question.id] = result
        return result

    return {q.id for q in questions if is_shown(q)}
