"""Campaign exports for analysts: CSV or XLSX, wide (a row per region) or long (a row per answer), and a
codebook that explains every column.

Cells are typed: numbers stay numbers, times are local times of the portal's time zone (named in the
header), and answers in the wide export are codes (Likert 1..5, option codes, yes/no) that the codebook
translates into labels in each language.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from mapping import conditions
from mapping import values as answer_values
from mapping.models import Answer, Campaign, Question, Response
from mapping.selectors import version_questions
from saphire import spreadsheets
from saphire.i18n import language_codes

EVIDENCE_SUFFIXES = [
    ("source", "evidence_source"),
    ("year", "evidence_year"),
    ("confidence", "confidence"),
    ("note", "evidence_note"),
]


def _zone_label() -> str:
    return settings.TIME_ZONE


def _local(moment: datetime.datetime | None):
    """A naive local time of the portal's zone, which spreadsheets store as a date cell."""
    if moment is None:
        return None
    return timezone.localtime(moment, timezone.get_default_timezone()).replace(tzinfo=None, microsecond=0)


def response_columns() -> list[str]:
    return ["region_code", "region_name", "country", "status", "progress_percent", f"submitted_at ({_zone_label()})"]


def long_columns() -> list[str]:
    return response_columns() + [
        "question_code",
        "section",
        "theme",
        "type",
        "value",
        "value_code",
        "score",
        "weight",
        "applicable",
        "carried_over",
        "evidence_source",
        "evidence_year",
        "evidence_note",
        "confidence",
        "answered_by",
        f"updated_at ({_zone_label()})",
    ]


def _questions(campaign: Campaign) -> list[Question]:
    return sorted(version_questions(campaign.version_id), key=lambda q: (q.section.order, q.order, q.pk))


def _responses(campaign: Campaign) -> list[Response]:
    return list(
        Response.objects.filter(campaign=campaign)
        .select_related("region")
        .only("id", "status", "progress", "submitted_at", "region__code", "region__name", "region__country_code")
        .order_by("region__code")
    )


def _response_cells(response: Response) -> list:
    region = response.region
    return [
        region.code,
        region.name,
        region.country_code,
        response.status,
        response.progress,
        _local(response.submitted_at),
    ]


def wide_rows(campaign: Campaign, *, evidence: bool = False):
    questions = _questions(campaign)
    per_question = 1 + (len(EVIDENCE_SUFFIXES) if evidence else 0)
    header = list(response_columns())
    for q in questions:
        header.append(q.code)
        if evidence:
            header += [f"{q.code}.{suffix}" for suffix, _field in EVIDENCE_SUFFIXES]
    yield header
    column = {q.pk: index * per_question for index, q in enumerate(questions)}
    by_id = {q.pk: q for q in questions}
    width = len(questions) * per_question
    cells: dict[int, list] = {}
    answers = (
        Answer.objects.filter(response__campaign=campaign)
        .values_list("response_id", "question_id", "value", *[name for _s, name in EVIDENCE_SUFFIXES])
        .iterator(chunk_size=5000)
    )
    for response_id, question_id, value, *extra in answers:
        row = cells.get(response_id)
        if row is None:
            row = cells[response_id] = [None] * width
        if question_id in column:
            start = column[question_id]
            row[start] = coded(by_id[question_id], value)
            if evidence:
                row[start + 1 : start + per_question] = [item if item not in ("",) else None for item in extra]
    for response in _responses(campaign):
        yield _response_cells(response) + cells.get(response.pk, [None] * width)


def long_rows(campaign: Campaign):
    questions = {q.pk: q for q in version_questions(campaign.version_id)}
    yield long_columns()
    responses = {r.pk: r for r in _responses(campaign)}
    answers = (
        Answer.objects.filter(response__campaign=campaign)
        .order_by("response__region__code", "question__section__order", "question__order")
        .values_list(
            "response_id",
            "question_id",
            "value",
            "score",
            "applicable",
            "carried_over",
            "evidence_source",
            "evidence_year",
            "evidence_note",
            "confidence",
            "answered_by__username",
            "updated_at",
        )
        .iterator(chunk_size=5000)
    )
    for response_id, question_id, value, score, applicable, carried, source, year, note, confidence, by, at in answers:
        question = questions[question_id]
        yield _response_cells(responses[response_id]) + [
            question.code,
            question.section.title,
            question.theme.code if question.theme_id else "",
            question.kind,
            _shown(question, value),
            coded(question, value),
            None if score is None else round(score, 2),
            question.weight,
            "yes" if applicable else "no",
            "yes" if carried else "no",
            source,
            year,
            note,
            confidence,
            by or "",
            _local(at),
        ]


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shown(question: Question, value):
    # The answer to a number question stays a number cell, so that spreadsheets can sum it.
    if question.kind == Question.Kind.NUMBER and _is_number(value):
        return value
    return answer_values.display(question, value)


def coded(question: Question, value):
    """The analyst's form of an answer: numbers and Likert points as numbers, choices as their codes."""
    if value is None:
        return None
    if _is_number(value):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _option_pairs(question: Question, language: str) -> str:
    if question.kind == Question.Kind.LIKERT:
        own = getattr(question, f"option_labels_{language}", None) or {}
        scale = answer_values.likert_labels(question)
        return "; ".join(f"{n}={own.get(str(n)) or scale[n - 1]}" for n in range(1, 6))
    if question.kind == Question.Kind.YES_NO:
        from django.utils import translation

        with translation.override(language):
            return f"yes={translation.gettext('Yes')}; no={translation.gettext('No')}"
    own = getattr(question, f"option_labels_{language}", None) or {}
    return "; ".join(
        f"{o.get('value')}={own.get(str(o.get('value'))) or o.get('label', '')}" for o in question.options or []
    )


def _option_scores(question: Question) -> str:
    if question.kind == Question.Kind.LIKERT:
        return "1=0; 2=25; 3=50; 4=75; 5=100"
    if question.kind == Question.Kind.YES_NO:
        return "yes=100; no=0"
    return "; ".join(f"{o.get('value')}={o.get('score')}" for o in question.options or [] if o.get("score") is not None)


def _condition(question: Question) -> str:
    """The rules as codes and stored option values, e.g. "AWARE-2 = yes and DATA-1 ≥ 3"."""
    return conditions.describe(question.condition)


def codebook_rows(campaign: Campaign):
    """One row per question: what each column of the exports holds, in every language."""
    languages = language_codes()
    yield (
        ["code", "section"]
        + [f"text_{lang}" for lang in languages]
        + ["type", "required"]
        + [f"options_{lang}" for lang in languages]
        + ["option_scores", "theme", "weight", "minimum", "maximum", "condition"]
    )
    questions = _questions(campaign)
    for q in questions:
        yield (
            [q.code, q.section.title]
            + [getattr(q, f"text_{lang}", "") or "" for lang in languages]
            + [q.kind, "yes" if q.required else "no"]
            + [_option_pairs(q, lang) for lang in languages]
            + [_option_scores(q), q.theme.code if q.theme_id else "", q.weight, q.min_value, q.max_value]
            + [_condition(q)]
        )


def campaign_export_response(*, campaign: Campaign, fmt: str, shape: str, evidence: bool = False) -> HttpResponse:
    """`shape` is wide, long or codebook; `evidence` adds evidence and confidence columns to the wide shape."""
    if shape == "codebook":
        rows = codebook_rows(campaign)
    elif shape == "wide":
        rows = wide_rows(campaign, evidence=evidence)
    else:
        rows = long_rows(campaign)
    suffix = "-evidence" if evidence and shape == "wide" else ""
    filename = f"campaign-{campaign.pk}-{shape}{suffix}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(spreadsheets.csv_lines(rows), content_type=spreadsheets.CSV_CONTENT_TYPE)
    else:
        title = {"long": "Answers", "wide": "Regions", "codebook": "Codebook"}[shape]
        sheets = [(title, rows)]
        if shape != "codebook":
            sheets.append(("Codebook", codebook_rows(campaign)))
        response = HttpResponse(
            spreadsheets.xlsx_bytes(sheets, header_row=True), content_type=spreadsheets.XLSX_CONTENT_TYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
