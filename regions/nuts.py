"""Import of the Eurostat GISCO NUTS files (GeoJSON regions or label points, and code-list CSVs)."""

import csv
import json
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from regions.geometry import label_point, simplify_geometry
from regions.models import Region, UrbanRural
from saphire.db import analyze
from saphire.page_cache import REGIONS, content_changed

SUPPORTED_VERSIONS = (2016, 2021, 2024)
SCALES = ("60M", "20M", "10M", "03M", "01M")
GISCO_URL = "https://gisco-services.ec.europa.eu/distribution/v2/nuts"
CODE_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
URBAN_RURAL = {1: UrbanRural.URBAN, 2: UrbanRural.INTERMEDIATE, 3: UrbanRural.RURAL}


class NutsImportError(Exception):
    """A file the import refuses; the message says which feature or row and what is wrong."""


@dataclass
class NutsRecord:
    code: str
    level: int
    country_code: str
    name: str
    name_national: str
    # None: the file does not classify this region, so a stored (curated) value is kept.
    mountain: bool | None = None
    coastal: bool | None = None
    urban_rural: str | None = None
    geometry: dict | None = None
    label_point: list[float] | None = None

    @property
    def parent_code(self) -> str | None:
        return self.code[:-1] if self.level else None


@dataclass
class ImportResult:
    version: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    levels: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        levels = ", ".join(f"level {level}: {count}" for level, count in sorted(self.levels.items()))
        return (
            f"NUTS {self.version}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged ({levels})."
        )


def version_from_name(path: Path) -> int | None:
    for match in re.findall(r"(?<!\d)(20\d\d)(?!\d)", path.name):
        if int(match) in SUPPORTED_VERSIONS:
            return int(match)
    return None


def _int_or_none(value, where: str, column: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NutsImportError(f"{where}: {column} must be a whole number, not {value!r}.") from None


def _typologies(props: dict, version: int, where: str) -> dict:
    mount = _int_or_none(props.get("MOUNT_TYPE"), where, "MOUNT_TYPE")
    urban = _int_or_none(props.get("URBN_TYPE"), where, "URBN_TYPE")
    coast = _int_or_none(props.get("COAST_TYPE"), where, "COAST_TYPE")
    if version >= 2024:
        # The 2024 release flags mountain and coastal regions with 1 and leaves the rest null, and only
        # classifies NUTS 3; a null at a classified level therefore means "no".
        classified = props.get("LEVL_CODE") in (3, "3")
        mountain = True if mount == 1 else (False if classified else None)
        coastal = True if coast == 1 else (False if classified else None)
    else:
        mountain = {1: True, 2: True, 3: True, 4: False}.get(mount)
        coastal = {1: True, 2: True, 3: False}.get(coast)
    return {"mountain": mountain, "coastal": coastal, "urban_rural": URBAN_RURAL.get(urban)}


def _record(props: dict, version: int, where: str) -> NutsRecord:
    code = (props.get("NUTS_ID") or "").strip()
    if not code:
        raise NutsImportError(f"{where} has no NUTS_ID.")
    where = f"{where} ({code})"
    if not CODE_RE.match(code):
        raise NutsImportError(f"{where}: {code!r} is not a NUTS code (two letters and up to three characters).")
    level = _int_or_none(props.get("LEVL_CODE"), where, "LEVL_CODE")
    if level is None or level not in (0, 1, 2, 3):
        raise NutsImportError(f"{where}: LEVL_CODE must be 0, 1, 2 or 3, not {props.get('LEVL_CODE')!r}.")
    if level != len(code) - 2:
        raise NutsImportError(
            f"{where}: LEVL_CODE is {level} but a code of {len(code)} characters is level {len(code) - 2}."
        )
    country = (props.get("CNTR_CODE") or code[:2]).strip()
    if country != code[:2]:
        raise NutsImportError(f"{where}: CNTR_CODE {country!r} does not match the code.")
    name = " ".join((props.get("NAME_LATN") or "").split())
    if not name:
        raise NutsImportError(f"{where} has no NAME_LATN.")
    national = " ".join((props.get("NUTS_NAME") or "").split())
    return NutsRecord(
        code=code, level=level, country_code=country, name=name, name_national=national,
        **_typologies(props, version, where),
    )  # fmt: skip


def read_geojson(path: Path, version: int) -> list[NutsRecord]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NutsImportError(f"{path.name} is not valid GeoJSON: {error}.") from None
    except RecursionError:
        # The decoder recurses once per nesting level; real GeoJSON nests a few levels deep.
        raise NutsImportError(f"{path.name} is not valid GeoJSON: it is nested too deeply.") from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise NutsImportError(f"{path.name} is not a GeoJSON FeatureCollection.")
    records = []
    for index, feature in enumerate(data["features"], start=1):
        where = f"feature {index}"
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise NutsImportError(f"{where} has no properties.")
        record = _record(feature["properties"], version, where)
        geometry = feature.get("geometry") or None
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind in ("Polygon", "MultiPolygon"):
            try:
                record.geometry = simplify_geometry(geometry)
                record.label_point = label_point(record.geometry)
            except (TypeError, ValueError, IndexError, KeyError):
                raise NutsImportError(f"{where} ({record.code}): its {kind} coordinates are malformed.") from None
        elif kind == "Point":
            coordinates = geometry.get("coordinates")
            if not (isinstance(coordinates, list) and len(coordinates) >= 2):
                raise NutsImportError(f"{where} ({record.code}): its Point has no coordinates.")
            record.label_point = [round(float(coordinates[0]), 4), round(float(coordinates[1]), 4)]
        elif geometry is not None:
            raise NutsImportError(f"{where} ({record.code}): geometry type {kind!r} is not a polygon or point.")
        records.append(record)
    return records


def read_csv(path: Path, version: int) -> list[NutsRecord]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as error:
        raise NutsImportError(f"{path.name} is not a readable CSV file: {error}.") from None
    if not rows or "NUTS_ID" not in rows[0]:
        raise NutsImportError(f"{path.name} has no NUTS_ID column.")
    records = []
    for index, row in enumerate(rows, start=2):
        record = _record(row, version, f"row {index}")
        if row.get("LABEL_LON") and row.get("LABEL_LAT"):
            try:
                record.label_point = [round(float(row["LABEL_LON"]), 4), round(float(row["LABEL_LAT"]), 4)]
            except ValueError:
                raise NutsImportError(f"row {index} ({record.code}): LABEL_LON/LABEL_LAT are not numbers.") from None
        parent = (row.get("PARENT_ID") or "").strip()
        if parent and parent != record.parent_code:
            raise NutsImportError(f"row {index} ({record.code}): PARENT_ID {parent} does not match the code.")
        records.append(record)
    return records


def read_file(path: Path, version: int | None = None) -> tuple[int, list[NutsRecord]]:
    path = Path(path)
    if not path.is_file():
        raise NutsImportError(f"{path} does not exist.")
    version = version or version_from_name(path)
    if version not in SUPPORTED_VERSIONS:
        raise NutsImportError(
            f"Cannot tell the NUTS version of {path.name}: give --version ({', '.join(map(str, SUPPORTED_VERSIONS))})."
        )
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return version, read_geojson(path, version)
    if suffix == ".csv":
        return version, read_csv(path, version)
    raise NutsImportError(f"{path.name} is neither GeoJSON (.geojson, .json) nor CSV (.csv).")


_COMPARED = ("level", "country_code", "name", "name_national", "parent_id")
_OPTIONAL = ("mountain", "coastal", "urban_rural", "geometry", "label_point")


@transaction.atomic
def nuts_import(*, path: Path, version: int | None = None) -> ImportResult:
    """Upsert the regions of one NUTS file by (code, version); all or nothing.

    Parents come from the codes and must be in the file or already stored. Values the file does not
    classify (typologies at levels 0-2, shapes in a CSV) leave stored values alone, so a second run and
    a run of another file of the same version change nothing they do not carry.
    """
    version, records = read_file(path, version)
    seen: set[str] = set()
    for record in records:
        if record.code in seen:
            raise NutsImportError(f"{record.code} appears twice in {Path(path).name}.")
        seen.add(record.code)

    existing = {region.code: region for region in Region.objects.filter(nuts_version=version)}
    for record in records:
        parent = record.parent_code
        if parent and parent not in seen and parent not in existing:
            raise NutsImportError(
                f"{record.code}: its parent {parent} is neither in {Path(path).name} nor imported for NUTS "
                f"{version}; import the parent level first or a file with all levels."
            )

    result = ImportResult(version=version)
    ids = {code: region.id for code, region in existing.items()}
    to_update: list[Region] = []
    changed_fields: set[str] = set()
    for level in range(4):
        to_create = []
        for record in (r for r in records if r.level == level):
            result.levels[level] += 1
            values = {
                "level": record.level,
                "country_code": record.country_code,
                "name": record.name,
                "name_national": record.name_national,
                "parent_id": ids[record.parent_code] if record.parent_code else None,
            }
            for name in _OPTIONAL:
                value = getattr(record, name)
                if value is not None:
                    values[name] = value
            region = existing.get(record.code)
            if region is None:
                to_create.append(Region(code=record.code, nuts_version=version, **values))
                continue
            changes = [name for name, value in values.items() if getattr(region, name) != value]
            if changes:
                for name in changes:
                    setattr(region, name, values[name])
                changed_fields.update(changes)
                to_update.append(region)
            else:
                result.unchanged += 1
        for region in Region.objects.bulk_create(to_create):
            ids[region.code] = region.id
        result.created += len(to_create)
    if to_update:
        Region.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    result.updated = len(to_update)
    if result.created or result.updated:
        analyze(Region)
    content_changed(REGIONS)
    return result


def download_url(*, version: int, scale: str, base_url: str | None = None) -> str:
    base = (base_url or getattr(settings, "NUTS_DOWNLOAD_URL", "") or GISCO_URL).rstrip("/")
    return f"{base}/geojson/NUTS_RG_{scale}_{version}_4326.geojson"


def nuts_download(
    *, version: int, scale: str = "60M", cache_dir: Path | None = None, base_url: str | None = None,
    refresh: bool = False, timeout: float = 60,
) -> Path:  # fmt: skip
    """The GISCO file of all levels, from the cache in the data folder or downloaded into it."""
    if version not in SUPPORTED_VERSIONS:
        raise NutsImportError(f"NUTS version must be one of {', '.join(map(str, SUPPORTED_VERSIONS))}.")
    if scale not in SCALES:
        raise NutsImportError(f"Scale must be one of {', '.join(SCALES)}.")
    cache_dir = Path(cache_dir or Path(settings.DATA_DIR) / "nuts")
    target = cache_dir / f"NUTS_RG_{scale}_{version}_4326.geojson"
    if target.exists() and not refresh:
        return target
    url = download_url(version=version, scale=scale, base_url=base_url)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".part")  # noqa: SIM115 (closed below)
    try:
        with handle, urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (GISCO or configured URL)
            shutil.copyfileobj(response, handle)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        Path(handle.name).unlink(missing_ok=True)
        raise NutsImportError(f"Could not download {url}: {getattr(error, 'reason', error)}.") from None
    # Renamed only when complete, so an interrupted download never looks like a cached file.
    Path(handle.name).replace(target)
    return target
