from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping import conditions, logic
from mapping.models import QUESTION_FIELDS, Question, Questionnaire, QuestionnaireVersion, Section, Theme
from saphire.i18n import default_language, localized_field_names, stored_values
from saphire.page_cache import SCORES, changes


def question_fields() -> list[str]:
    """What a question write may set: QUESTION_FIELDS and the text of each language (text_fr...)."""
    return QUESTION_FIELDS + localized_field_names(Question)


def section_fields() -> list[str]:
    return ["order", "title", "description", *localized_field_names(Section)]


class VersionFrozen(ValidationError):
    pass


def version_ensure_editable(version: QuestionnaireVersion) -> None:
    if version.is_frozen:
        raise VersionFrozen(
            _("Version %(n)s is published and frozen; start a new version to change it.") % {"n": version.number}
        )


@transaction.atomic
def questionnaire_create(*, code: str, title: str, description: str = "", created_by: User | None) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        code=code, **stored_values(Questionnaire, {"title": title, "description": description}), created_by=created_by
    )
    QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    return questionnaire


def section_create(
    *,
    version: QuestionnaireVersion,
    title: str,
    order: int | None = None,
    description: str = "",
    **translations: str,
) -> Section:
    """`translations`: the texts in other languages, by column (`title_fr`, `description_fr`...)."""
    version_ensure_editable(version)
    unknown = set(translations) - set(section_fields())
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    if order is None:
        order = (version.sections.aggregate(m=Max("order"))["m"] or 0) + 1
    return Section.objects.create(
        version=version,
        order=order,
        **stored_values(Section, {"title": title, "description": description, **translations}),
    )


def section_update(*, section: Section, **fields) -> Section:
    version_ensure_editable(section.version)
    for name, value in stored_values(Section, fields).items():
        if name not in section_fields():
            raise TypeError(name)
        setattr(section, name, value)
    section.save()
    return section


def section_delete(*, section: Section) -> None:
    version_ensure_editable(section.version)
    section.delete()


def position(question: Question, section_order: int) -> tuple:
    return (section_order, question.section_id, question.order, question.pk or float("inf"))


def _earlier_questions(question: Question) -> dict[str, Question]:
    """The questions before `question` in its version (by code): the only ones a condition may name."""
    here = position(question, question.section.order)
    others = Question.objects.filter(version_id=question.version_id).select_related("section")
    if question.pk:
        others = others.exclude(pk=question.pk)
    return {q.code: q for q in others if position(q, q.section.order) < here}


def _check_question(question: Question) -> None:
    errors = {}
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        values = [str(o.get("value", "")) for o in question.options or []]
        if len(values) < 2:
            errors["options"] = _("Give at least two options.")
        elif len(set(values)) != len(values) or "" in values:
            errors["options"] = _("Each option needs its own non-empty value.")
    if question.kind == Question.Kind.LIKERT and question.options and len(question.options) != 5:
        errors["options"] = _("A Likert scale has exactly five labels.")
    if question.min_value is not None and question.max_value is not None and question.min_value > question.max_value:
        errors["max_value"] = _("The maximum must not be lower than the minimum.")
    if question.condition:
        try:
            question.condition = conditions.clean(question.condition, earlier=_earlier_questions(question))
        except ValidationError as error:
            errors["condition"] = error.messages
    if errors:
        raise ValidationError(errors)


def question_create(*, section: Section, **fields) -> Question:
    version_ensure_editable(section.version)
    fields = stored_values(Question, {name: value for name, value in fields.items() if name in question_fields()})
    if fields.get("order") is None:
        fields["order"] = (section.questions.aggregate(m=Max("order"))["m"] or 0) + 1
    question = Question(section=section, version=section.version, **fields)
    _check_question(question)
    if Question.objects.filter(version=section.version, code=question.code).exists():
        raise ValidationError(
            {"code": _("Another question of this version has the code %(code)s.") % {"code": question.code}}
        )
    question.save()
    return question


def question_update(*, question: Question, **fields) -> Question:
    version_ensure_editable(question.version)
    for name, value in stored_values(Question, fields).items():
        if name not in question_fields() + ["section"]:
            raise TypeError(name)
        setattr(question, name, value)
    _check_question(question)
    if Question.objects.filter(version=question.version_id, code=question.code).exclude(pk=question.pk).exists():
        raise ValidationError(
            {"code": _("Another question of this version has the code %(code)s.") % {"code": question.code}}
        )
    renamed = Question.objects.filter(pk=question.pk).exclude(code=question.code).values_list("code", flat=True)
    old_code = renamed.first() if question.pk else None
    question.save()
    if old_code:
        _rename_references(version_id=question.version_id, old=old_code, new=question.code)
    return question


def _rename_references(*, version_id: int, old: str, new: str) -> None:
    """Conditions follow a question whose code changed, so renaming never breaks them."""
    changed = []
    for other in Question.objects.filter(version_id=version_id).exclude(condition={}):
        if old in conditions.references(other.condition):
            for rule in other.condition["rules"]:
                if rule.get("question") == old:
                    rule["question"] = new
            changed.append(other)
    Question.objects.bulk_update(changed, ["condition"])


def question_delete(*, question: Question) -> None:
    version_ensure_editable(question.version)
    question.delete()


@changes(SCORES)
@transaction.atomic
def version_publish(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    version_ensure_editable(version)
    if not version.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    report = logic.version_check(version=version)
    if not report.ok:
        raise ValidationError(
            [_("The logic check found errors; fix them before publishing.")]
            + [issue.message for issue in report.errors]
        )
    version.status = QuestionnaireVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


@transaction.atomic
def version_copy(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A new draft version holding a copy of `version`'s sections and questions, or the questionnaire's
    draft when it already has one (a questionnaire has at most one draft)."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=version.questionnaire_id)
    draft = questionnaire.versions.filter(status=QuestionnaireVersion.Status.DRAFT).first()
    if draft is not None:
        return draft
    number = (questionnaire.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    new = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=number, based_on=version)
    section_map = {}
    for section in version.sections.all():
        old_id = section.pk
        section.pk = None
        section.version = new
        section.save()
        section_map[old_id] = section
    questions = list(version.questions.all())
    for question in questions:
        question.pk = None
        question.version = new
        question.section = section_map[question.section_id]
    Question.objects.bulk_create(questions)
    return new


@transaction.atomic
def version_delete(*, version: QuestionnaireVersion) -> None:
    """Only a draft can go: a published version may hold campaigns and their answers."""
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_frozen:
        raise VersionFrozen(_("Version %(n)s is published; only a draft can be deleted.") % {"n": version.number})
    version.delete()


DIFF_FIELDS = [
    "text",
    "help_text",
    "kind",
    "required",
    "theme",
    "weight",
    "options",
    "min_value",
    "max_value",
    "condition",
    "section",
    "translations",
]


def _question_facts(question: Question, codes: dict[int, str], sections: dict[int, str]) -> dict:
    return {
        "text": question.text_en,
        "help_text": question.help_text_en,
        "kind": question.get_kind_display(),
        "required": question.required,
        "theme": question.theme.code if question.theme_id else "",
        "weight": question.weight,
        "options": ", ".join(
            f"{o.get('value')}={o.get('label')}" + (f" ({o['score']:g})" if o.get("score") is not None else "")
            for o in question.options or []
        ),
        "min_value": question.min_value,
        "max_value": question.max_value,
        "condition": conditions.describe(question.condition),
        "section": sections.get(question.section_id, ""),
        "translations": {
            name: getattr(question, name)
            for name in localized_field_names(Question)
            if not name.endswith(f"_{default_language()}") and getattr(question, name)
        },
    }


def version_diff(*, old: QuestionnaireVersion, new: QuestionnaireVersion) -> dict:
    """Questions added, removed and changed (field by field) between two versions, matched by code."""

    def load(version):
        questions = list(version.questions.select_related("theme"))
        codes = {q.pk: q.code for q in questions}
        sections = dict(version.sections.values_list("pk", f"title_{default_language()}"))
        return {q.code: (q, _question_facts(q, codes, sections)) for q in questions}

    before, after = load(old), load(new)
    changed = []
    for code in after.keys() & before.keys():
        differences = [
            {"field": field, "old": before[code][1][field], "new": after[code][1][field]}
            for field in DIFF_FIELDS
            if before[code][1][field] != after[code][1][field]
        ]
        if differences:
            changed.append({"code": code, "question": after[code][0], "differences": differences})
    return {
        "added": [after[code][0] for code in sorted(after.keys() - before.keys())],
        "removed": [before[code][0] for code in sorted(before.keys() - after.keys())],
        "changed": sorted(changed, key=lambda c: c["code"]),
    }


def theme_by_code() -> dict[str, Theme]:
    return {theme.code: theme for theme in Theme.objects.all()}
