"""Import of indicator files: all files read first, then written in one transaction, value by value."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from regions.models import Indicator, IndicatorValue, Region
from regions.statistics import catalogue, parsers
from regions.statistics.parsers import StatisticsFileError
from regions.statistics.profile import same_territory
from saphire.datafiles import translated_columns
from saphire.db import analyze
from saphire.page_cache import REGIONS, content_changed


@dataclass
class IndicatorResult:
    code: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    regions: dict[tuple[int, int], int] = field(default_factory=dict)  # (version, level) -> codes

    def summary(self) -> str:
        return f"{self.code}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged."


@dataclass
class _Parsed:
    dataset: catalogue.DatasetSpec
    observations: list[parsers.Observation]
    series: dict[str, dict[str, str]]


def read_file(path: Path, dataset: str | None = None) -> _Parsed:
    path = Path(path)
    if not path.is_file():
        raise StatisticsFileError(f"{path} does not exist.")
    spec = catalogue.dataset_spec(dataset or catalogue.dataset_from_name(path))
    series: dict[str, dict[str, str]] = {}
    try:
        observations = list(parsers.reader_for(path)(path, spec, series))
    except UnicodeDecodeError as error:
        raise StatisticsFileError(f"{path.name} is not UTF-8 text: {error}.") from None
    if not observations:
        raise StatisticsFileError(f"{path.name}: no value for any NUTS region (is it the right dataset?).")
    return _Parsed(spec, observations, series)


def _indicator_upsert(code: str, dataset: str, key: dict[str, str], levels: set[int]) -> Indicator:
    spec = catalogue.indicator_spec(code, dataset=dataset, key=key)
    defaults = {
        **translated_columns("label", spec.labels),
        "unit": spec.unit,
        "dataset": spec.dataset,
        "licence": spec.licence,
        "kind": Indicator.Kind.CATEGORY if spec.categories else Indicator.Kind.NUMBER,
        "categories": spec.categories,
        "yes_codes": list(spec.yes_codes),
        "year_note": spec.year_note,
        "order": spec.order,
    }
    indicator, created = Indicator.objects.get_or_create(code=code, defaults={**defaults, "levels": sorted(levels)})
    defaults["levels"] = sorted(levels | set(indicator.levels))
    changed = [name for name, value in defaults.items() if getattr(indicator, name) != value]
    if changed and not created:
        for name in changed:
            setattr(indicator, name, defaults[name])
        indicator.save(update_fields=changed)
    return indicator


def _values_upsert(indicator: Indicator, rows: dict[tuple, parsers.Observation], dataset) -> IndicatorResult:
    result = IndicatorResult(indicator.code)
    existing = {
        (code, version, year): (pk, value, category, flags)
        for pk, code, version, year, value, category, flags in IndicatorValue.objects.filter(
            indicator=indicator
        ).values_list("id", "region_code", "nuts_version", "year", "value", "category", "flags")
    }
    to_create, to_update = [], []
    for (geo, version, year), obs in rows.items():
        level = len(geo) - 2
        result.regions[(version, level)] = result.regions.get((version, level), 0) + 1
        stored = existing.get((geo, version, year))
        if stored is None:
            to_create.append(
                IndicatorValue(
                    indicator=indicator, region_code=geo, nuts_version=version, level=level, country_code=geo[:2],
                    year=year, value=obs.value, category=obs.category, flags=obs.flags,
                )
            )  # fmt: skip
        elif stored[1:] != (obs.value, obs.category, obs.flags):
            to_update.append(IndicatorValue(id=stored[0], value=obs.value, category=obs.category, flags=obs.flags))
        else:
            result.unchanged += 1
    _insert(to_create)
    IndicatorValue.objects.bulk_update(to_update, ["value", "category", "flags"], batch_size=2000)
    result.created, result.updated = len(to_create), len(to_update)
    return result


def _insert(values: list[IndicatorValue]) -> None:
    """Many rows go in with PostgreSQL's COPY, several times faster than INSERT for a first import."""
    if len(values) < 500 or connection.vendor != "postgresql":
        IndicatorValue.objects.bulk_create(values, batch_size=2000)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for v in values:
        writer.writerow(
            [v.indicator_id, v.region_code, v.nuts_version, v.level, v.country_code,
             "" if v.year is None else v.year, "" if v.value is None else repr(v.value), v.category, v.flags]
        )  # fmt: skip
    buffer.seek(0)
    table = IndicatorValue._meta.db_table
    columns = "indicator_id, region_code, nuts_version, level, country_code, year, value, category, flags"
    with connection.cursor() as cursor:
        # Empty unquoted fields are NULL; category and flags are never NULL, so FORCE_NOT_NULL keeps them ''.
        cursor.cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (category, flags))", buffer
        )


def _rows_by_indicator(parsed: _Parsed, name: str) -> dict[str, dict[tuple, parsers.Observation]]:
    by_indicator: dict[str, dict[tuple, parsers.Observation]] = {}
    for obs in parsed.observations:
        key = (obs.geo, parsed.dataset.nuts_version(obs.year), obs.year)
        rows = by_indicator.setdefault(obs.indicator, {})
        if key in rows:
            where = f", line {obs.line}" if obs.line else ""
            raise StatisticsFileError(
                f"{name}{where}: {obs.indicator} for {obs.geo} in {obs.year or 'the file'} is given twice."
            )
        rows[key] = obs
    return by_indicator


def shipped_files(folder: Path) -> list[Path]:
    """The importable files of a folder; the workbook is left out when its derived CSV is there."""
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".tsv", ".csv", ".json", ".xlsx"))
    if any(p.name.startswith("nuts2021_typologies") for p in paths):
        paths = [p for p in paths if p.suffix.lower() != ".xlsx"]
    return paths


def indicators_import(*, paths: list[Path], dataset: str | None = None) -> list[IndicatorResult]:
    """Read every file, refusing the lot if one is malformed, then upsert indicators and values atomically.

    Values are keyed by (indicator, NUTS code, NUTS version, year): a second import of the same files
    changes nothing, and values a file does not carry are left alone.
    """
    parsed = [(Path(path).name, read_file(Path(path), dataset)) for path in paths]
    grouped = [(name, item, _rows_by_indicator(item, name)) for name, item in parsed]
    results = []
    with transaction.atomic():
        for _name, item, by_indicator in grouped:
            for code, rows in by_indicator.items():
                levels = {len(geo) - 2 for geo, _version, _year in rows}
                indicator = _indicator_upsert(code, item.dataset.code, item.series.get(code, {}), levels)
                results.append(_values_upsert(indicator, rows, item.dataset))
        if any(r.code in DERIVED_FIELDS and (r.created or r.updated) for r in results):
            region_figures_refresh()
        if any(r.created or r.updated for r in results):
            analyze(IndicatorValue, Indicator, Region)
            content_changed(REGIONS)
    return results


# Region fields kept as a copy of the latest statistic, for pages and reports that read the region alone.
DERIVED_FIELDS = {"population": "population", "area": "area_km2"}


def region_figures_refresh() -> int:
    """Copy each region's latest population and area onto it, by the profile's rule for NUTS codings."""
    latest: dict[tuple[str, str, int], tuple[int, float]] = {}
    rows = IndicatorValue.objects.filter(indicator__code__in=DERIVED_FIELDS, year__isnull=False).values_list(
        "indicator__code", "region_code", "nuts_version", "year", "value"
    )
    for indicator, code, version, year, value in rows:
        key = (indicator, code, version)
        if key not in latest or latest[key][0] < year:
            latest[key] = (year, value)
    changed = []
    for region in Region.objects.only("id", "code", "nuts_version", "population", "area_km2"):
        own = region.nuts_version
        other = 2024 if own == 2021 else 2021 if own == 2024 else None
        areas = [latest.get(("area", region.code, v), (0, None))[1] for v in (own, other)]
        same = same_territory(*areas)
        values = {}
        for indicator, name in DERIVED_FIELDS.items():
            candidates = [latest.get((indicator, region.code, own))]
            if same:
                candidates.append(latest.get((indicator, region.code, other)))
            found = [c for c in candidates if c]
            value = max(found)[1] if found else None
            values[name] = round(value) if name == "population" and value is not None else value
        if any(getattr(region, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(region, name, value)
            changed.append(region)
    Region.objects.bulk_update(changed, list(DERIVED_FIELDS.values()), batch_size=1000)
    return len(changed)
