"""The fingerprint of a report's inputs, computed in a fixed number of SQL aggregates.

A report is up to date while the fingerprint of its region still equals the one it was built
from. The fingerprint hashes the region's own row, per-region stamps (count and last change of
its roadmap and workshop priorities) and portal-wide stamps of everything a report compares the
region with (answers, findings, modules, pilots, funding, the recommendation library): peers,
partners and the map depend on other regions' data too.
"""

import hashlib

from django.db.models import Count, Max, Model, Sum

from mapping.models import Answer, Campaign, Finding, Response, Theme
from regions.models import Indicator, IndicatorValue, Organisation, PopulationGroup, Region
from reports.models import Recommendation
from roadmap.models import FundingInstrument, Module, Pilot, RegionRoadmap, RoadmapItem, RoadmapVersion
from workshops.models import RegionPriority

# Bump when the layout or the rules of the report change, so every report is rebuilt.
FORMAT_VERSION = "reports-2"

# Portal-wide sources.
GLOBAL_SOURCES: list[type[Model]] = [
    Region,
    PopulationGroup,
    Indicator,
    IndicatorValue,
    Theme,
    Finding,
    Response,
    Answer,
    Campaign,
    Organisation,
    Module,
    Pilot,
    FundingInstrument,
    RegionPriority,
    Recommendation,
]
# Per-region sources: (model, path to the region id).
REGION_SOURCES: list[tuple[type[Model], str]] = [
    (RegionRoadmap, "region_id"),
    (RoadmapItem, "roadmap__region_id"),
    (RoadmapVersion, "region_id"),
]
# Large or derived columns that do not change what a report says about the region.
IGNORED_REGION_FIELDS = {"geometry", "label_point"}


def _stamp_fields(model: type[Model]) -> dict:
    names = {f.name for f in model._meta.concrete_fields}
    aggregates = {"n": Count("pk"), "last_pk": Max("pk")}
    for candidate in ("updated_at", "profile_updated_at", "decided_at", "published_at"):
        if candidate in names:
            aggregates[candidate] = Max(candidate)
    if "version" in names and model._meta.get_field("version").get_internal_type().endswith("IntegerField"):
        aggregates["versions"] = Sum("version")
    return aggregates


def global_stamp() -> str:
    parts = [FORMAT_VERSION]
    for model in GLOBAL_SOURCES:
        values = model._default_manager.order_by().aggregate(**_stamp_fields(model))
        parts.append(f"{model._meta.label}:{sorted(values.items())}")
    return "|".join(parts)


def region_stamps(*, region_ids: list[int]) -> dict[int, list[str]]:
    stamps: dict[int, list[str]] = {region_id: [] for region_id in region_ids}
    fields = [f.attname for f in Region._meta.concrete_fields if f.name not in IGNORED_REGION_FIELDS]
    for row in Region.objects.filter(pk__in=region_ids).order_by().values_list(*fields):
        stamps[row[0]].append(repr(row))
    for model, path in REGION_SOURCES:
        rows = (
            model._default_manager.filter(**{f"{path}__in": region_ids})
            .order_by()
            .values(path)
            .annotate(**_stamp_fields(model))
        )
        for row in rows:
            region_id = row.pop(path)
            stamps[region_id].append(f"{model._meta.label}:{sorted(row.items())}")
    return stamps


def fingerprints(*, region_ids: list[int], campaign_id: int | None = None) -> dict[int, str]:
    """Region id -> hex digest of everything that region's report (for the campaign) is built from."""
    shared = f"{global_stamp()}|campaign:{campaign_id}"
    return {
        region_id: hashlib.sha256("\n".join([shared, *parts]).encode()).hexdigest()
        for region_id, parts in region_stamps(region_ids=list(region_ids)).items()
    }


def fingerprint(*, region: Region, campaign_id: int | None = None) -> str:
    return fingerprints(region_ids=[region.pk], campaign_id=campaign_id)[region.pk]
