"""Readers of the Eurostat formats, each turning a file into observations keyed by indicator code.

Every reader refuses a malformed file with a `StatisticsFileError` naming the line (or sheet and row).
Aggregates such as EU27_2020 are skipped; only NUTS codes (two letters and up to three characters) count.
Missing cells (`:`) are skipped too: nothing is stored for a value Eurostat does not have.
"""

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from regions.statistics.catalogue import REMOTE_CODES, DatasetSpec

NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
NOT_COUNTRIES = ("EU", "EA")
SDMX_NON_DIMENSIONS = {
    "DATAFLOW", "LAST UPDATE", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "geo", "TIME_PERIOD",
    "OBS_VALUE", "OBS_FLAG", "CONF_STATUS", "freq",
}  # fmt: skip


class StatisticsFileError(Exception):
    """A file the import refuses; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class Observation:
    indicator: str
    geo: str
    year: int | None
    value: float | None = None
    category: str = ""
    flags: str = ""
    line: int = 0


def is_region_code(geo: str) -> bool:
    return bool(NUTS_CODE.match(geo)) and not geo.startswith(NOT_COUNTRIES)


def _indicator(spec: DatasetSpec, key: dict[str, str], series: dict[str, dict]) -> str | None:
    if spec.series:
        code = spec.indicator_for(key)
    else:
        parts = [value for name, value in key.items() if name != "freq"]
        code = ".".join([spec.code, *parts]) if parts else spec.code
    if code is not None:
        series.setdefault(code, key)
    return code


def _year(text: str, where: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text):
        raise StatisticsFileError(f"{where}: the time period {text!r} is not a year.")
    return int(text)


def _cell(text: str, where: str) -> tuple[float | None, str]:
    """A TSV cell: `1272126 `, `5400 p`, `: ` or `: m` -> (value or None, flags)."""
    parts = text.split()
    if not parts:
        return None, ""
    if parts[0] == ":":
        return None, "".join(parts[1:])
    try:
        value = float(parts[0])
    except ValueError:
        raise StatisticsFileError(f"{where}: {text.strip()!r} is not a number.") from None
    return value, "".join(parts[1:])


def read_tsv(path: Path, spec: DatasetSpec, series: dict) -> Iterator[Observation]:
    """Eurostat's TSV download: `freq,unit,...,geo\\TIME_PERIOD` then one tab-separated column per year."""
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        if "\\" not in header[0]:
            raise StatisticsFileError(f"{path.name}, line 1: not a Eurostat TSV header (no 'geo\\TIME_PERIOD').")
        dimensions = header[0].split("\\", 1)[0].split(",")
        if dimensions[-1] != "geo":
            raise StatisticsFileError(f"{path.name}, line 1: the last dimension must be geo, not {dimensions[-1]!r}.")
        years = [_year(text, f"{path.name}, line 1") for text in header[1:]]
        for number, line in enumerate(handle, start=2):
            if not line.strip():
                continue
            where = f"{path.name}, line {number}"
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) != len(header):
                raise StatisticsFileError(f"{where}: {len(cells)} cells where the header has {len(header)}.")
            keys = cells[0].split(",")
            if len(keys) != len(dimensions):
                raise StatisticsFileError(f"{where}: {len(keys)} dimensions where the header has {len(dimensions)}.")
            key = dict(zip(dimensions, keys, strict=True))
            geo = key.pop("geo")
            indicator = _indicator(spec, key, series)
            if indicator is None or not is_region_code(geo):
                continue
            for year, text in zip(years, cells[1:], strict=True):
                value, flags = _cell(text, where)
                if value is not None:
                    yield Observation(indicator, geo, year, value, "", flags, number)


def read_sdmx_csv(path: Path, spec: DatasetSpec, series: dict) -> Iterator[Observation]:
    """SDMX-CSV (`DATAFLOW,LAST UPDATE,freq,...`) or the reduced `geo,TIME_PERIOD,OBS_VALUE` download."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        missing = [name for name in ("geo", "TIME_PERIOD", "OBS_VALUE") if name not in columns]
        if missing:
            raise StatisticsFileError(f"{path.name}, line 1: no {', '.join(missing)} column.")
        dimensions = [name for name in columns if name not in SDMX_NON_DIMENSIONS]
        for row in reader:
            where = f"{path.name}, line {reader.line_num}"
            if None in row or any(row[name] is None for name in columns):
                raise StatisticsFileError(f"{where}: the row does not have the header's {len(columns)} columns.")
            key = {name: row[name] for name in dimensions}
            indicator = _indicator(spec, key, series)
            geo = row["geo"].strip()
            if indicator is None or not is_region_code(geo):
                continue
            year = _year(row["TIME_PERIOD"], where)
            value, _flags = _cell(row["OBS_VALUE"], where)
            if value is not None:
                flags = (row.get("OBS_FLAG") or "").strip()
                yield Observation(indicator, geo, year, value, "", flags, reader.line_num)


# Typologies: output indicator, CSV column, workbook sheet, the workbook's code column and value column.
TYPOLOGY_COLUMNS = [
    ("urban_rural", "URBAN_RURAL_CODE", "Urban-rural", 0, 1),
    ("metropolitan", "METRO", "Metropolitan", 0, 1),
    ("coastal", "COASTAL_CODE", "Coastal regions", 0, 1),
    ("mountain", "MOUNTAIN_CODE", "Mountain regions", 0, 2),
    ("border", "BORDER_CODE", "Border regions", 0, 2),
    ("remoteness", "REMOTENESS_CODE", "Urban-rural remoteness", 1, 3),
]


def _typology_observations(geo: str, codes: dict[str, str], line: int) -> Iterator[Observation]:
    for indicator, code in codes.items():
        if code:
            yield Observation(indicator, geo, None, None, code, "", line)
    remoteness = codes.get("remoteness")
    if remoteness:
        yield Observation("remote", geo, None, None, "Y" if remoteness in REMOTE_CODES else "N", "", line)


def _code_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_typology_csv(path: Path, spec: DatasetSpec, series: dict) -> Iterator[Observation]:
    """The typologies table derived from NUTS2021.xlsx: one row per NUTS-3 code."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        wanted = ["NUTS_ID"] + [column for _i, column, *_rest in TYPOLOGY_COLUMNS] + ["ISLAND_LISTED"]
        missing = [name for name in wanted if name not in (reader.fieldnames or [])]
        if missing:
            raise StatisticsFileError(f"{path.name}, line 1: no {', '.join(missing)} column.")
        for row in reader:
            where = f"{path.name}, line {reader.line_num}"
            geo = (row["NUTS_ID"] or "").strip()
            if not NUTS_CODE.match(geo):
                raise StatisticsFileError(f"{where}: {geo!r} is not a NUTS code.")
            codes = {indicator: (row[column] or "").strip() for indicator, column, *_rest in TYPOLOGY_COLUMNS}
            codes["island"] = (row["ISLAND_LISTED"] or "").strip()
            yield from _typology_observations(geo, codes, reader.line_num)


def read_typology_workbook(path: Path, spec: DatasetSpec, series: dict) -> Iterator[Observation]:
    """Eurostat's NUTS 2021 workbook: one sheet per typology; the island sheet lists only the islands."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise StatisticsFileError(f"{path.name} is not a readable workbook: {error}.") from None
    try:
        names = [sheet for _i, _c, sheet, *_rest in TYPOLOGY_COLUMNS] + ["Island regions"]
        missing = [name for name in names if name not in book.sheetnames]
        if missing:
            raise StatisticsFileError(f"{path.name}: no sheet {', '.join(map(repr, missing))}.")
        codes: dict[str, dict[str, str]] = {}
        for indicator, _column, sheet, code_at, value_at in TYPOLOGY_COLUMNS:
            for number, row in enumerate(book[sheet].iter_rows(min_row=2, values_only=True), start=2):
                geo = _code_text(row[code_at] if len(row) > code_at else None)
                if not geo:
                    continue
                if not NUTS_CODE.match(geo):
                    raise StatisticsFileError(
                        f"{path.name}, sheet {sheet!r}, row {number}: {geo!r} is not a NUTS code."
                    )
                codes.setdefault(geo, {})[indicator] = _code_text(row[value_at] if len(row) > value_at else None)
        islands = {_code_text(row[0]) for row in book["Island regions"].iter_rows(min_row=2, values_only=True) if row}
    finally:
        book.close()
    for geo in sorted(codes):
        yield from _typology_observations(geo, {**codes[geo], "island": "Y" if geo in islands else "N"}, 0)


def _json_number(value, where: str) -> float | None:
    if value is None or value == ":":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StatisticsFileError(f"{where}: {value!r} is not a number.")
    return float(value)


def read_yearbook_json(path: Path, spec: DatasetSpec, series: dict) -> Iterator[Observation]:
    """Regional Yearbook map data: `options[].data` per option, or a flat {code: value} file.

    Neither gives a year per value: the year is in the title and footnote, so values are stored without one.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise StatisticsFileError(f"{path.name} is not UTF-8 text: {error}.") from None
    except json.JSONDecodeError as error:
        raise StatisticsFileError(f"{path.name}, line {error.lineno}: not valid JSON ({error.msg}).") from None
    if not isinstance(data, dict):
        raise StatisticsFileError(f"{path.name}: expected a JSON object of region codes or map options.")
    if "options" in data:
        if not isinstance(data["options"], list):
            raise StatisticsFileError(f"{path.name}: 'options' is not a list.")
        parts = []
        for index, option in enumerate(data["options"]):
            if not isinstance(option, dict) or not isinstance(option.get("data"), dict):
                raise StatisticsFileError(f"{path.name}: options[{index}] has no 'data' object.")
            parts.append(({"option": str(option.get("code", index))}, option["data"]))
    else:
        parts = [({"file": path.stem}, data)]
    for key, values in parts:
        indicator = _indicator(spec, key, series)
        if indicator is None:
            continue
        for geo, raw in values.items():
            value = _json_number(raw, f"{path.name}, {geo}")
            if value is not None and is_region_code(geo):
                yield Observation(indicator, geo, None, value)


def reader_for(path: Path):
    """The reader of a file, chosen by its extension and first line."""
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        return read_tsv
    if suffix == ".json":
        return read_yearbook_json
    if suffix == ".xlsx":
        return read_typology_workbook
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig") as handle:
            first = handle.readline()
        if first.startswith("NUTS_ID"):
            return read_typology_csv
        return read_sdmx_csv
    raise StatisticsFileError(f"{path.name}: not a Eurostat TSV, CSV, JSON or XLSX file.")
