"""The portal's default gap and barrier questionnaire: one section per theme of the taxonomy.

The questions live in data/default_questionnaire.yaml, with named keys and texts per language;
this module builds the questionnaire's first version from it. Used by the demo, the benchmarks and
any deployment that wants a starting point.
"""

from functools import cache
from pathlib import Path

from django.db import transaction

from mapping import conditions
from mapping.models import Question, Questionnaire, QuestionnaireVersion, Section, Theme
from saphire.datafiles import default_text, read_yaml, translated_columns
from saphire.i18n import default_language, language_codes

DATA_FILE = Path(__file__).resolve().parent / "data" / "default_questionnaire.yaml"


@cache
def questionnaire_data() -> dict:
    """The whole file as written (read once)."""
    return read_yaml(DATA_FILE)


def sections() -> list[dict]:
    return questionnaire_data()["sections"]


def question_count() -> int:
    return sum(len(section["questions"]) for section in sections())


def _option_rows(question: dict) -> list[dict]:
    """Likert questions share the scale written once at the top of the file."""
    if question["kind"] == Question.Kind.LIKERT:
        return questionnaire_data()["likert_options"]
    return question.get("options", [])


def _options(question: dict) -> list[dict]:
    """The stored option list: value, English label and score (when the option has one)."""
    rows = _option_rows(question)
    return [
        {
            "value": row["value"],
            "label": default_text(row["label"]),
            **({"score": row["score"]} if "score" in row else {}),
        }
        for row in rows
    ]


def _option_label_columns(question: dict) -> dict[str, dict[str, str]]:
    """`option_labels_fr`... : each other language's labels by option value."""
    rows = _option_rows(question)
    return {
        f"option_labels_{code}": {row["value"]: row["label"][code] for row in rows if row["label"].get(code)}
        for code in language_codes()
        if code != default_language()
    }


@transaction.atomic
def build_default_questionnaire(*, code: str | None = None, publish: bool = True) -> QuestionnaireVersion:
    """The default questionnaire's first version, created once (idempotent) with bulk inserts.

    `code` defaults to the file's (the benchmarks build a copy under another code).
    """
    questionnaire, created = Questionnaire.objects.get_or_create(
        code=code or questionnaire_data()["code"],
        defaults={
            **translated_columns("title", questionnaire_data()["title"]),
            **translated_columns("description", questionnaire_data()["description"]),
        },
    )
    version = questionnaire.versions.order_by("number").first()
    if version is not None and version.questions.exists():
        return version
    if version is None:
        version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    themes = {theme.code: theme for theme in Theme.objects.all()}
    for theme_code in [section["theme"] for section in sections() if section["theme"] not in themes]:
        themes[theme_code] = Theme.objects.create(code=theme_code, name_en=theme_code)
    created_sections = Section.objects.bulk_create(
        Section(version=version, order=order, **translated_columns("title", section["title"]))
        for order, section in enumerate(sections(), start=1)
    )
    questions = []
    for section, spec in zip(created_sections, sections(), strict=True):
        for order, item in enumerate(spec["questions"], start=1):
            condition = item.get("condition") or {}
            questions.append(
                Question(
                    version=version,
                    section=section,
                    code=item["code"],
                    order=order,
                    kind=item["kind"],
                    **translated_columns("text", item["text"]),
                    help_text_en=default_text(item.get("help_text")),
                    **translated_columns("help_text", item.get("help_text"), include_default=False),
                    required=item.get("required", True),
                    theme=themes[spec["theme"]],
                    weight=item.get("weight", 1),
                    options=_options(item),
                    min_value=item.get("min_value"),
                    max_value=item.get("max_value"),
                    condition=conditions.simple(condition["question"], condition["value"]) if condition else {},
                    **_option_label_columns(item),
                )
            )
    Question.objects.bulk_create(questions)
    if publish:
        from django.utils import timezone

        version.status = QuestionnaireVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save(update_fields=["status", "published_at"])
    return version
