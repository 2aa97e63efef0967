"""Display conditions: rules on earlier questions, combined with AND or OR.

A condition is stored on the question it shows, as JSON that names other questions by code (codes
are stable across versions, so a copied version keeps its conditions without remapping):

    {"match": "all" | "any", "rules": [{"question": "AWARE-2", "op": "eq", "value": "yes"}, ...]}

An empty dict means "always shown". Values are the stored option values ("yes"/"no" for yes/no,
"1".."5" for Likert); "in" takes a list; comparisons take a number.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mapping.models import Question

ALL, ANY = "all", "any"

OPERATORS = {
    "eq": gettext_lazy("equals"),
    "ne": gettext_lazy("does not equal"),
    "in": gettext_lazy("is any of"),
    "lt": gettext_lazy("is less than"),
    "le": gettext_lazy("is at most"),
    "gt": gettext_lazy("is more than"),
    "ge": gettext_lazy("is at least"),
    "answered": gettext_lazy("is answered"),
    "unanswered": gettext_lazy("is not answered"),
}
SYMBOLS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"}
CHOICE_OPS = ["eq", "ne", "in"]
COMPARISONS = ["eq", "ne", "lt", "le", "gt", "ge"]
PRESENCE = ["answered", "unanswered"]


def operators_for(kind: str) -> list[str]:
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.YES_NO):
        return CHOICE_OPS + PRESENCE
    if kind == Question.Kind.LIKERT:
        return CHOICE_OPS + ["lt", "le", "gt", "ge"] + PRESENCE
    if kind == Question.Kind.NUMBER:
        return COMPARISONS + PRESENCE
    return list(PRESENCE)


def choice_values(question: Question) -> list[tuple[str, str]]:
    """The (stored value, English label) pairs a rule on `question` may compare with."""
    if question.kind == Question.Kind.YES_NO:
        return [("yes", "Yes"), ("no", "No")]
    if question.kind == Question.Kind.LIKERT:
        from mapping.values import likert_labels

        return [(str(n), label) for n, label in enumerate(likert_labels(question), start=1)]
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return [(str(o.get("value", "")), str(o.get("label", ""))) for o in question.options or []]
    return []


def rules(condition) -> list[dict]:
    return list((condition or {}).get("rules") or [])


def references(condition) -> list[str]:
    return [str(rule.get("question", "")) for rule in rules(condition)]


def _number(raw):
    if isinstance(raw, bool):
        raise ValueError
    return float(str(raw).replace(",", ".")) if isinstance(raw, str) else float(raw)


def rule_problem(rule: dict, source: Question | None) -> str:
    """Why `rule` cannot work against `source` (the question it names, None when missing), or ""."""
    code = rule.get("question", "")
    if source is None:
        return _("The condition refers to %(code)s, which is not an earlier question of this version.") % {"code": code}
    op = rule.get("op")
    if op not in operators_for(source.kind):
        return _("“%(op)s” does not fit %(code)s (%(kind)s).") % {
            "op": OPERATORS.get(op, op),
            "code": code,
            "kind": source.get_kind_display(),
        }
    value = rule.get("value")
    if op in PRESENCE:
        return ""
    if source.kind == Question.Kind.NUMBER or op in ("lt", "le", "gt", "ge"):
        try:
            _number(value)
        except (TypeError, ValueError):
            return _("Give a number to compare %(code)s with.") % {"code": code}
        if source.kind == Question.Kind.NUMBER:
            return ""
    allowed = [v for v, _label in choice_values(source)]
    if op in ("lt", "le", "gt", "ge"):
        return ""
    given = value if op == "in" else [value]
    if op == "in" and (not isinstance(value, list) or not value):
        return _("Choose at least one answer of %(code)s.") % {"code": code}
    unknown = [str(v) for v in given if str(v) not in allowed]
    if unknown:
        return _("%(code)s has no option %(values)s; its options are %(allowed)s.") % {
            "code": code,
            "values": ", ".join(unknown),
            "allowed": ", ".join(allowed),
        }
    return ""


def clean(raw, *, earlier: dict[str, Question]) -> dict:
    """The stored form of `raw`, checked against the earlier questions (by code); ValidationError if broken."""
    if not raw:
        return {}
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise ValidationError(_("Write a condition as {match, rules}."))
    if not raw["rules"]:
        return {}
    match = raw.get("match") or ALL
    if match not in (ALL, ANY):
        raise ValidationError(_("Combine the rules with “all” (and) or “any” (or)."))
    cleaned, problems = [], []
    for rule in raw["rules"]:
        if not isinstance(rule, dict):
            problems.append(_("Each rule names a question, an operator and a value."))
            continue
        code = str(rule.get("question", "")).strip()
        source = earlier.get(code)
        op = str(rule.get("op") or "eq")
        value = rule.get("value")
        if op in ("lt", "le", "gt", "ge") or (source is not None and source.kind == Question.Kind.NUMBER):
            with contextlib.suppress(TypeError, ValueError):
                value = _number(value) if op not in PRESENCE else None
        elif op == "in":
            value = [str(v) for v in value] if isinstance(value, list) else value
        elif op in PRESENCE:
            value = None
        elif value is not None:
            value = str(value)
        item = {"question": code, "op": op, "value": value}
        problem = rule_problem(item, source)
        if problem:
            problems.append(problem)
        cleaned.append(item)
    if problems:
        raise ValidationError(problems)
    return {"match": match, "rules": cleaned}


def _comparable(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return [str(value)]


def rule_holds(rule: dict, value) -> bool:
    """Whether `rule` holds for the answer `value` (None when unanswered or hidden)."""
    op = rule.get("op")
    answered = value is not None and value != "" and value != []
    if op == "answered":
        return answered
    if op == "unanswered":
        return not answered
    if not answered:
        return False
    target = rule.get("value")
    if op in ("lt", "le", "gt", "ge") or (op in ("eq", "ne") and isinstance(target, (int, float))):
        try:
            number, other = _number(value), _number(target)
        except (TypeError, ValueError):
            return False
        return {
            "eq": number == other,
            "ne": number != other,
            "lt": number < other,
            "le": number <= other,
            "gt": number > other,
            "ge": number >= other,
        }[op]
    given = _comparable(value)
    if op == "eq":
        return str(target) in given
    if op == "ne":
        return str(target) not in given
    if op == "in":
        return any(str(v) in given for v in target or [])
    return False


def holds(condition, values_by_code: dict[str, object]) -> bool:
    items = rules(condition)
    if not items:
        return True
    results = (rule_holds(rule, values_by_code.get(rule.get("question"))) for rule in items)
    return any(results) if condition.get("match") == ANY else all(results)


def describe(condition, labels: dict[str, dict[str, str]] | None = None) -> str:
    """A readable form, e.g. "AWARE-2 = Yes and DATA-1 ≥ 3"; `labels` maps code -> value -> label."""
    labels = labels or {}
    parts = []
    for rule in rules(condition):
        code, op, value = rule.get("question", ""), rule.get("op"), rule.get("value")
        names = labels.get(code, {})
        if op in PRESENCE:
            parts.append(f"{code} {OPERATORS[op]}")
        elif op == "in":
            shown = ", ".join(str(names.get(str(v), v)) for v in value or [])
            parts.append(f"{code} {OPERATORS['in']} ({shown})")
        else:
            shown = f"{value:g}" if isinstance(value, float) else names.get(str(value), value)
            parts.append(f"{code} {SYMBOLS.get(op, op)} {shown}")
    joiner = f" {_('or')} " if (condition or {}).get("match") == ANY else f" {_('and')} "
    return joiner.join(parts)


def question_labels(questions) -> dict[str, dict[str, str]]:
    return {q.code: dict(choice_values(q)) for q in questions}


def simple(code: str, value: str) -> dict:
    """The condition "`code` equals `value`", the only kind older data knew."""
    return {"match": ALL, "rules": [{"question": code, "op": "eq", "value": value}]}
