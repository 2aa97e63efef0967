"""Demo data: the starter recommendation library (data/recommendations.yaml) and a few built reports."""

from functools import cache
from pathlib import Path

from django.db import transaction

from mapping import themes as taxonomy
from mapping.models import Theme
from regions.models import Region
from reports import services
from reports.models import Recommendation, Report
from roadmap import demo as roadmap_demo
from roadmap.models import FundingInstrument
from saphire.datafiles import DataFileError, default_text, read_yaml, translated_columns

DATA_FILE = Path(__file__).resolve().parent / "data" / "recommendations.yaml"
ROW_KEYS = {
    "code",
    "kind",
    "title",
    "text",
    "themes",
    "min_severity",
    "max_score",
    "ris_groups",
    "typologies",
    "funding",
}


@cache
def library() -> list[dict]:
    """The recommendations of the file, in its order (titles and texts per language)."""
    rows = read_yaml(DATA_FILE).get("recommendations")
    if not isinstance(rows, list):
        raise DataFileError(f"{DATA_FILE}: expected a list under 'recommendations'")
    for row in rows:
        missing = ROW_KEYS - set(row)
        if missing or not default_text(row["title"]) or not default_text(row["text"]):
            raise DataFileError(f"{DATA_FILE}: {row.get('code')!r} needs {sorted(missing) or 'English texts'}")
    return rows


DEMO_REPORTS = ["FI1D", "BE21", "EL43"]
PUBLISHED = ["FI1D"]


def _funding_instruments(codes: set[str]) -> dict:
    """The library's funding instruments by code, loading the roadmap's starter list if one is missing."""
    found = {i.code: i for i in FundingInstrument.objects.filter(code__in=codes)}
    if len(found) < len(codes):
        roadmap_demo.load_library()
        found = {i.code: i for i in FundingInstrument.objects.filter(code__in=codes)}
    return found


@transaction.atomic
def load_library() -> int:
    taxonomy.seed_themes()
    themes = {t.code: t for t in Theme.objects.filter(code__in=taxonomy.theme_codes())}
    rows = library()
    instruments = _funding_instruments({code for row in rows for code in row["funding"]})
    for row in rows:
        fields = {
            "kind": row["kind"],
            **translated_columns("title", row["title"]),
            **translated_columns("text", row["text"]),
            "min_severity": row["min_severity"],
            "max_score": row["max_score"],
            "ris_groups": row["ris_groups"],
            "typologies": row["typologies"],
            "source": row.get("source", ""),
        }
        recommendation = Recommendation.objects.filter(code=row["code"]).first()
        if recommendation is None:
            recommendation = Recommendation.objects.create(code=row["code"], **fields)
            recommendation.themes.set([themes[c] for c in row["themes"]])
            recommendation.funding_instruments.set([instruments[c] for c in row["funding"]])
    return len(rows)


def load(*, stdout) -> None:
    count = load_library()
    stdout.write(f"reports: {count} recommendations in the library")
    for code in DEMO_REPORTS:
        region = Region.objects.filter(code=code).order_by("-nuts_version").first()
        if region is None:
            continue
        report, _ = services.report_request(region=region, requested_by=None)
        if report.status != Report.Status.DONE:
            report = services.report_build(report_id=report.pk, worker="load_demo")
        if code in PUBLISHED and report.status == Report.Status.DONE and not report.is_published:
            services.report_publish(report=report, published_by=None)
        stdout.write(f"reports: {code} report {report.status}")
