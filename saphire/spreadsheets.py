"""Cells for every CSV and XLSX file the portal writes, safe to open in a spreadsheet program.

Text typed by users (answers, names, organisations) must never run as a formula when a coordinator
opens an export (OWASP "CSV injection"): `=HYPERLINK(...)` leaks data, `=cmd|...` runs programs.
In XLSX, text is always stored as a string cell; in CSV, whose cells the program interprets itself,
text that a spreadsheet would read as a formula gets a leading apostrophe. Numbers stay numbers.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

# Spreadsheet programs start a formula (or a DDE call) with these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# A plain number such as "-5" or "+1.5e3" is read as a number, never as a formula; "-2+3" is not one.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NUMBER_TYPES = (int, float, Decimal)
# Control characters that the XML of a sheet cannot hold (openpyxl refuses them).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _is_number(value) -> bool:
    return isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool)


def _text(value) -> str:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def csv_cell(value):
    """The value to hand to `csv.writer`: numbers as they are, text made inert."""
    if value is None:
        return ""
    if _is_number(value) or isinstance(value, bool):
        return value
    text = _text(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable) -> list:
    return [csv_cell(value) for value in values]


class CsvWriter:
    """`csv.writer` whose every row goes through `csv_row`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable], *, bom: bool = True) -> Iterator[str]:
    """Encoded CSV lines, one per row, for a streaming response. The byte-order mark lets spreadsheet
    programs read the file as UTF-8 (accents in names)."""
    writer = CsvWriter(_Echo())
    if bom:
        yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)


def xlsx_cell(sheet, value):
    """A cell of a write-only sheet: numbers, booleans and naive dates keep their type; anything else is
    a string cell, which Excel and LibreOffice show as typed and never evaluate."""
    from openpyxl.cell import WriteOnlyCell  # openpyxl is slow to import and only exports need it

    if value is None or _is_number(value) or isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.datetime | datetime.time) and value.tzinfo is None:
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=_XML_ILLEGAL.sub("", _text(value)))
    # openpyxl guesses a formula from a leading "=" (and an error from "#N/A"): a string it stays.
    cell.data_type = "s"
    return cell


def xlsx_append(sheet, row: Iterable) -> None:
    sheet.append([xlsx_cell(sheet, value) for value in row])


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Iterable]]], *, header_row: bool = False) -> bytes:
    """A workbook with the given (title, rows) sheets, in order, as the bytes of an .xlsx file.

    With `header_row`, each sheet's first row stays in view when scrolling and carries an autofilter.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title)
        if header_row:
            sheet.freeze_panes = "A2"
        width = count = 0
        for row in rows:
            row = list(row)
            width, count = max(width, len(row)), count + 1
            xlsx_append(sheet, row)
        if header_row and width:
            sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{max(count, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
