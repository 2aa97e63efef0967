"""Campaign exports for coordinators: CSV or XLSX, wide (a row per region) or long (a row per answer)."""

from django.http import HttpResponse, StreamingHttpResponse

from mapping import values as answer_values
from mapping.models import Answer, Campaign, Question, Response
from mapping.services.responses import version_questions
from saphire import spreadsheets

RESPONSE_COLUMNS = ["region_code", "region_name", "country", "status", "progress_percent"]
LONG_COLUMNS = RESPONSE_COLUMNS + [
    "question_code",
    "section",
    "theme",
    "question",
    "type",
    "value",
    "raw_value",
    "score",
    "weight",
    "applicable",
    "evidence_source",
    "evidence_year",
    "evidence_note",
    "confidence",
    "answered_by",
    "updated_at",
]


def _responses(campaign: Campaign) -> list[Response]:
    return list(
        Response.objects.filter(campaign=campaign)
        .select_related("region")
        .only("id", "status", "progress", "region__code", "region__name", "region__country_code")
        .order_by("region__code")
    )


def _response_cells(response: Response) -> list:
    region = response.region
    return [region.code, region.name, region.country_code, response.status, response.progress]


def wide_rows(campaign: Campaign):
    questions = sorted(version_questions(campaign.version_id), key=lambda q: (q.section.order, q.order, q.pk))
    yield RESPONSE_COLUMNS + [f"{q.code} {q.text}" for q in questions]
    column = {q.pk: index for index, q in enumerate(questions)}
    by_id = {q.pk: q for q in questions}
    cells: dict[int, list] = {}
    answers = (
        Answer.objects.filter(response__campaign=campaign)
        .values_list("response_id", "question_id", "value")
        .iterator(chunk_size=5000)
    )
    for response_id, question_id, value in answers:
        row = cells.get(response_id)
        if row is None:
            row = cells[response_id] = [""] * len(questions)
        if question_id in column:
            row[column[question_id]] = _shown(by_id[question_id], value)
    for response in _responses(campaign):
        yield _response_cells(response) + cells.get(response.pk, [""] * len(questions))


def long_rows(campaign: Campaign):
    questions = {q.pk: q for q in version_questions(campaign.version_id)}
    yield LONG_COLUMNS
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
            "evidence_source",
            "evidence_year",
            "evidence_note",
            "confidence",
            "answered_by__username",
            "updated_at",
        )
        .iterator(chunk_size=5000)
    )
    for response_id, question_id, value, score, applicable, source, year, note, confidence, by, at in answers:
        question = questions[question_id]
        yield _response_cells(responses[response_id]) + [
            question.code,
            question.section.title,
            question.theme.code if question.theme_id else "",
            question.text,
            question.kind,
            _shown(question, value),
            _raw(value),
            "" if score is None else round(score, 2),
            question.weight,
            "yes" if applicable else "no",
            source,
            year or "",
            note,
            confidence,
            by or "",
            at.isoformat(timespec="seconds"),
        ]


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shown(question: Question, value):
    # The answer to a number question stays a number cell, so that spreadsheets can sum it.
    if question.kind == Question.Kind.NUMBER and _is_number(value):
        return value
    return answer_values.display(question, value)


def _raw(value):
    if value is None:
        return ""
    if _is_number(value):
        return value
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def campaign_export_response(*, campaign: Campaign, fmt: str, shape: str) -> HttpResponse:
    rows = wide_rows(campaign) if shape == "wide" else long_rows(campaign)
    filename = f"campaign-{campaign.pk}-{shape}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(spreadsheets.csv_lines(rows), content_type=spreadsheets.CSV_CONTENT_TYPE)
    else:
        sheets = [("Answers" if shape == "long" else "Regions", rows), ("Questions", question_rows(campaign))]
        response = HttpResponse(spreadsheets.xlsx_bytes(sheets), content_type=spreadsheets.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def question_rows(campaign: Campaign):
    yield ["code", "section", "theme", "type", "required", "weight", "question", "options"]
    for q in sorted(version_questions(campaign.version_id), key=lambda q: (q.section.order, q.order, q.pk)):
        yield [
            q.code,
            q.section.title,
            q.theme.code if q.theme_id else "",
            q.kind,
            "yes" if q.required else "no",
            q.weight,
            q.text,
            "; ".join(f"{o.get('value')}={o.get('label')}" for o in q.options or []),
        ]
