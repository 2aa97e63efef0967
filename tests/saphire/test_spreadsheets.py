import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from saphire import spreadsheets


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("-", "'-"),
        ("plain text", "plain text"),
        ("a = b", "a = b"),
        ("", ""),
        (None, ""),
    ],
)
def test_csv_cell_makes_formulas_inert(value, written):
    assert spreadsheets.csv_cell(value) == written


@pytest.mark.parametrize("value", [-5, 3.5, -0.25, Decimal("-1.50"), 0, True])
def test_csv_cell_keeps_numbers(value):
    assert spreadsheets.csv_cell(value) == value


@pytest.mark.parametrize("value", ["-5", "+5", "-1.5", "1e3", "-.5"])
def test_csv_cell_leaves_plain_number_text_alone(value):
    assert spreadsheets.csv_cell(value) == value


def test_csv_writer_writes_rows_that_read_back_prefixed():
    stream = io.StringIO()
    writer = spreadsheets.CsvWriter(stream)

    writer.writerows([["name", "count"], ['=HYPERLINK("http://x")', -5], ["\tTab", 2]])

    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert rows == [["name", "count"], ['\'=HYPERLINK("http://x")', "-5"], ["'\tTab", "2"]]


def test_csv_lines_start_with_a_byte_order_mark():
    lines = list(spreadsheets.csv_lines([["a"], ["=1"]]))

    assert "".join(lines) == "\ufeffa\r\n'=1\r\n"


def test_xlsx_bytes_writes_text_as_strings_and_numbers_as_numbers():
    content = spreadsheets.xlsx_bytes(
        [
            (
                "Sheet",
                [
                    ["=1+1", "#N/A", "-5", -5, 2.5, True],
                    [
                        "bell\x07 removed",
                        datetime.date(2026, 1, 2),
                        datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC),
                    ],
                ],
            )
        ]
    )

    sheet = load_workbook(io.BytesIO(content))["Sheet"]
    first, second = list(sheet.iter_rows())
    assert [(cell.value, cell.data_type) for cell in first[:6]] == [
        ("=1+1", "s"),
        ("#N/A", "s"),
        ("-5", "s"),
        (-5, "n"),
        (2.5, "n"),
        (True, "b"),
    ]
    assert second[0].value == "bell removed"
    assert second[1].value == datetime.datetime(2026, 1, 2)
    assert (second[2].value, second[2].data_type) == ("2026-01-02T03:04:00+00:00", "s")
