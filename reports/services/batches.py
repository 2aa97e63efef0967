"""Batches: reports requested together for many regions."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Campaign
from regions.models import EU27, Region
from reports.fingerprint import fingerprints
from reports.models import Report, ReportBatch
from reports.selectors import accepted_region_ids
from reports.services.inputs import EmptyInputs
from reports.services.queue import _enqueue, new_attempt_id, report_language, report_retry


def campaign_regions(*, campaign: Campaign, codes: list[str] | None = None) -> list[Region]:
    """The campaign's regions (narrowed to `codes` when given)."""
    regions = campaign.regions.order_by("code")
    return list(regions.filter(code__in=codes) if codes else regions)


def batch_regions(*, codes: list[str] | None = None, nuts_version: int = 2021) -> list[Region]:
    """The regions a batch covers: the given codes, or every NUTS 2 region of the EU27 in the version."""
    regions = Region.objects.filter(nuts_version=nuts_version)
    regions = regions.filter(code__in=codes) if codes else regions.filter(level=2, country_code__in=EU27)
    return list(regions.order_by("code"))


@transaction.atomic
def batch_create(
    *,
    regions: list[Region],
    title: str,
    created_by: User | None,
    campaign: Campaign | None = None,
    language: str = "",
) -> ReportBatch:
    """One batch of reports for `regions` in `language`: up-to-date ones are reused, the others queued.

    With a campaign, regions without accepted answers in it get no report (nothing to report on).
    Runs a fixed number of queries whatever the number of regions.
    """
    language = report_language(language)
    region_ids = [r.pk for r in regions]
    campaign_id = campaign.pk if campaign else None
    if campaign is not None:
        answered = accepted_region_ids(campaign=campaign, region_ids=region_ids)
        region_ids = [pk for pk in region_ids if pk in answered]
        if not region_ids:
            raise EmptyInputs(
                _("The campaign “%(campaign)s” has no accepted answers for these regions yet: no report to build.")
                % {"campaign": campaign.title},
                code="empty",
            )
    current = fingerprints(region_ids=region_ids, campaign_id=campaign_id)
    wanted = set(current.items())

    def live_reports():
        rows = Report.objects.filter(
            region_id__in=region_ids,
            campaign_id=campaign_id,
            language=language,
            fingerprint__in=set(current.values()),
            status__in=Report.ACTIVE_STATUSES,
        ).only("pk", "region_id", "fingerprint", "status", "attempt_id")
        return {(r.region_id, r.fingerprint): r for r in rows if (r.region_id, r.fingerprint) in wanted}

    found = live_reports()
    missing = [pair for pair in wanted if pair not in found]
    queued_at = timezone.now()
    Report.objects.bulk_create(
        [
            Report(
                region_id=region_id,
                campaign_id=campaign_id,
                language=language,
                fingerprint=fp,
                requested_by=created_by,
                attempt_id=new_attempt_id(),
                queued_at=queued_at,
            )
            for region_id, fp in missing
        ],
        ignore_conflicts=True,
    )
    reports = live_reports() if missing else found
    batch = ReportBatch.objects.create(title=title, campaign=campaign, language=language, created_by=created_by)
    batch.reports.set([r.pk for r in reports.values()])
    missing_keys = set(missing)
    _enqueue(
        sorted(
            (r.pk, r.attempt_id)
            for key, r in reports.items()
            if key in missing_keys and r.status == Report.Status.QUEUED
        )
    )
    return batch


@transaction.atomic
def batch_retry_failed(*, batch: ReportBatch, requested_by: User | None) -> int:
    """Queue the batch's failed reports again; returns how many."""
    failed = list(batch.reports.filter(status=Report.Status.FAILED).select_related("region"))
    queued = []
    for report in failed:
        retried = report_retry(report=report, requested_by=requested_by, enqueue=False)
        if retried.pk != report.pk:
            batch.reports.remove(report)
            batch.reports.add(retried)
        elif retried.status == Report.Status.QUEUED:
            queued.append((retried.pk, retried.attempt_id))
    _enqueue(queued)
    return len(failed)
