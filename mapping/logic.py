"""The logic check of a questionnaire version: what would break a campaign (errors) or look unfinished
(warnings). Publishing refuses a version with errors; the builder shows both lists."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from mapping import conditions
from mapping.models import Question, QuestionnaireVersion, Section
from saphire.i18n import default_language, language_codes


@dataclass
class Issue:
    message: str
    code: str = ""  # the question it concerns, if any
    section: int | None = None

    def as_dict(self) -> dict:
        return {"message": self.message, "question": self.code or None, "section": self.section}


@dataclass
class LogicReport:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "errors": [issue.as_dict() for issue in self.errors],
            "warnings": [issue.as_dict() for issue in self.warnings],
        }


def _can_hold(rule: dict, source: Question) -> bool:
    """Whether some answer to `source` makes `rule` true (an "answered" rule on any question can)."""
    op, value = rule.get("op"), rule.get("value")
    if op in conditions.PRESENCE:
        return True
    if source.kind != Question.Kind.NUMBER or op not in ("lt", "gt"):
        return True
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    if op == "lt" and source.min_value is not None:
        return number > source.min_value
    if op == "gt" and source.max_value is not None:
        return number < source.max_value
    return True


def version_check(*, version: QuestionnaireVersion) -> LogicReport:
    report = LogicReport()
    sections = list(Section.objects.filter(version=version).order_by("order", "id"))
    questions = list(
        Question.objects.filter(version=version)
        .select_related("section")
        .order_by("section__order", "section_id", "order", "id")
    )
    if not questions:
        report.errors.append(Issue(_("The version has no question yet.")))
    position = {q.code: index for index, q in enumerate(questions)}
    by_code = {q.code: q for q in questions}
    unreachable: set[str] = set()
    for index, question in enumerate(questions):
        rules = conditions.rules(question.condition)
        broken = False
        for rule in rules:
            code = rule.get("question", "")
            source = by_code.get(code)
            if source is None:
                report.errors.append(
                    Issue(
                        _("%(q)s: its condition refers to %(code)s, which this version does not have.")
                        % {"q": question.code, "code": code},
                        question.code,
                    )
                )
                broken = True
                continue
            if position[code] >= index:
                report.errors.append(
                    Issue(
                        _("%(q)s: its condition refers to %(code)s, which comes after it.")
                        % {"q": question.code, "code": code},
                        question.code,
                    )
                )
                broken = True
                continue
            problem = conditions.rule_problem(rule, source)
            if problem:
                report.errors.append(Issue(f"{question.code}: {problem}", question.code))
                broken = True
        if broken:
            continue
        holdable = [
            by_code[r["question"]].code not in unreachable and _can_hold(r, by_code[r["question"]]) for r in rules
        ]
        match_any = (question.condition or {}).get("match") == conditions.ANY
        if rules and not (any(holdable) if match_any else all(holdable)):
            unreachable.add(question.code)
            report.errors.append(
                Issue(
                    _("%(q)s can never be shown: no answer makes its condition true.") % {"q": question.code},
                    question.code,
                )
            )
    shown_by_default = _shown_when_nothing_is_answered(questions)
    for question in questions:
        if question.required and question.pk not in shown_by_default and question.code not in unreachable:
            report.errors.append(
                Issue(
                    _(
                        "%(q)s is required but hidden until an earlier answer shows it: make it optional, "
                        "or its condition can block a submission."
                    )
                    % {"q": question.code},
                    question.code,
                )
            )
    _warn_missing_translations(report, sections, questions)
    counts = {}
    for question in questions:
        counts[question.section_id] = counts.get(question.section_id, 0) + 1
    for section in sections:
        if not counts.get(section.pk):
            report.warnings.append(
                Issue(_("Section “%(title)s” has no question.") % {"title": section.title}, section=section.pk)
            )
    return report


def _shown_when_nothing_is_answered(questions: list[Question]) -> set[int]:
    from mapping.values import visible_question_ids

    return visible_question_ids(questions, {})


def _warn_missing_translations(report: LogicReport, sections: list[Section], questions: list[Question]) -> None:
    default = default_language()
    others = [code for code in language_codes() if code != default]
    for language in others:
        missing = [q.code for q in questions if not getattr(q, f"text_{language}", "")]
        if missing:
            report.warnings.append(
                Issue(
                    _("No %(language)s text for %(codes)s.")
                    % {"language": language.upper(), "codes": ", ".join(missing)}
                )
            )
        untitled = [s.title for s in sections if not getattr(s, f"title_{language}", "")]
        if untitled:
            report.warnings.append(
                Issue(
                    _("No %(language)s title for the sections %(titles)s.")
                    % {"language": language.upper(), "titles": ", ".join(untitled)}
                )
            )
