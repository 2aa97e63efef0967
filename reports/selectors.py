"""Reads of the reports app, scoped to what the user may see."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from accounts.models import User
from mapping.models import Campaign, Response
from regions.models import Region
from reports.fingerprint import fingerprints
from reports.models import Recommendation, Report, ReportBatch
from saphire.roles import is_coordinator, official_region_ids


def report_list(*, user: User | AnonymousUser, filters: dict | None = None) -> QuerySet[Report]:
    """Reports the user may see: all for coordinators, their regions' and published ones for others."""
    reports = Report.objects.select_related("region", "campaign", "requested_by", "published_by")
    if not is_coordinator(user):
        reports = reports.filter(Q(published_at__isnull=False) | Q(region_id__in=official_region_ids(user)))
    filters = filters or {}
    if filters.get("region"):
        reports = reports.filter(region__code=filters["region"])
    if filters.get("status"):
        reports = reports.filter(status=filters["status"])
    if filters.get("published") in ("true", "1", True):
        reports = reports.filter(published_at__isnull=False)
    return reports


def accepted_region_ids(*, campaign: Campaign, region_ids: list[int]) -> set[int]:
    """Those of `region_ids` with an accepted response in `campaign`, in one query."""
    return set(
        Response.objects.filter(campaign=campaign, region_id__in=region_ids, status=Response.Status.ACCEPTED)
        .order_by()
        .values_list("region_id", flat=True)
        .distinct()
    )


def mark_currency(reports: list[Report]) -> list[Report]:
    """Set `is_up_to_date` on each report: whether its region's inputs still have its fingerprint.

    A fixed number of queries per campaign among them, whatever the number of reports.
    """
    by_campaign: dict[int | None, set[int]] = {}
    for report in reports:
        by_campaign.setdefault(report.campaign_id, set()).add(report.region_id)
    current = {
        campaign_id: fingerprints(region_ids=sorted(region_ids), campaign_id=campaign_id)
        for campaign_id, region_ids in by_campaign.items()
    }
    for report in reports:
        report.is_up_to_date = current[report.campaign_id].get(report.region_id) == report.fingerprint
    return reports


def region_published_reports(*, region: Region, limit: int = 5) -> list[Report]:
    return list(
        Report.objects.filter(region=region, status=Report.Status.DONE, published_at__isnull=False).order_by(
            "-published_at"
        )[:limit]
    )


def region_draft_reports(*, region: Region, user: User | AnonymousUser, limit: int = 5) -> list[Report]:
    """The region's unpublished reports, for its officials and coordinators (empty for anyone else)."""
    if not (is_coordinator(user) or region.pk in official_region_ids(user)):
        return []
    return list(
        Report.objects.filter(region=region, published_at__isnull=True).order_by("-requested_at", "-pk")[:limit]
    )


def batch_list() -> QuerySet[ReportBatch]:
    return ReportBatch.objects.select_related("created_by").annotate(**_count_annotations("reports__status"))


def _count_annotations(path: str) -> dict:
    counts = {"total": Count("reports")}
    for status in Report.Status:
        counts[status.value] = Count("reports", filter=Q(**{path: status.value}))
    return counts


def batch_progress(*, batch: ReportBatch) -> dict:
    """Counts of the batch's reports per state, in one query."""
    counts = batch.reports.order_by().aggregate(
        total=Count("pk"), **{s.value: Count("pk", filter=Q(status=s.value)) for s in Report.Status}
    )
    finished = counts["done"] + counts["failed"]
    counts["finished"] = finished
    counts["is_finished"] = finished == counts["total"]
    counts["percent"] = round(100 * finished / counts["total"]) if counts["total"] else 100
    return counts


def batch_failed_reports(*, batch: ReportBatch, limit: int = 50) -> list[Report]:
    return list(
        batch.reports.filter(status=Report.Status.FAILED).select_related("region").order_by("region__code")[:limit]
    )


def batch_reports(*, batch: ReportBatch, status: str = "") -> list[Report]:
    """Every report of the batch with its region, by region code; only those in `status` when it is one."""
    reports = batch.reports.select_related("region").order_by("region__code", "pk")
    if status in Report.Status.values:
        reports = reports.filter(status=status)
    return list(
        reports.only(
            "pk",
            "status",
            "language",
            "queued_at",
            "started_at",
            "finished_at",
            "build_ms",
            "pdf_bytes",
            "error",
            "region__code",
            "region__name",
            # What {% region_name %} reads to mark the name's language; a deferred field costs a query a row.
            "region__name_national",
            "region__country_code",
        )
    )


def batch_done_files(*, batch: ReportBatch) -> list[tuple[str, str]]:
    """(region code, PDF path relative to MEDIA_ROOT) of the batch's finished reports, by region code."""
    return list(
        batch.reports.filter(status=Report.Status.DONE)
        .exclude(pdf_path="")
        .order_by("region__code", "pk")
        .values_list("region__code", "pdf_path")
    )


def recommendation_list(*, filters: dict | None = None) -> QuerySet[Recommendation]:
    recommendations = Recommendation.objects.prefetch_related("themes", "funding_instruments")
    filters = filters or {}
    if filters.get("kind"):
        recommendations = recommendations.filter(kind=filters["kind"])
    if filters.get("theme"):
        recommendations = recommendations.filter(themes__code=filters["theme"]).distinct()
    return recommendations
