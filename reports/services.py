"""Writes of the reports app: requesting, building, publishing reports and batches; the library."""

import logging
import os
import socket
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from accounts.models import User
from mapping.models import Campaign
from regions.models import EU27, Region
from reports import builder, tasks
from reports.fingerprint import fingerprint as region_fingerprint
from reports.fingerprint import fingerprints
from reports.models import Recommendation, Report, ReportBatch
from saphire.files import FILE_MODE, make_private_directories
from saphire.page_cache import REPORTS, changes

logger = logging.getLogger(__name__)


class BuildInProgress(Exception):
    """Another worker holds the report's build lock: the report is being built right now."""


# First key of the PostgreSQL advisory locks held while a report builds (the second is its id).
BUILD_LOCK_NAMESPACE = 7007


class QueueUnavailable(Exception):
    """The task queue could not take the builds: the reports named are marked failed with the reason."""

    def __init__(self, report_ids: list[int], reason: str):
        super().__init__(reason)
        self.report_ids = report_ids
        self.reason = reason


def new_attempt_id() -> str:
    return uuid.uuid4().hex


def _send(report_id: int, attempt_id: str) -> None:
    # A few quick tries, then give up: a dead broker must cost the request a second, not a hang.
    tasks.report_build.apply_async(
        kwargs={"report_id": report_id, "attempt": attempt_id},
        retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
    )


def _enqueue(attempts: list[tuple[int, str]]) -> None:
    """Send one build task per (report id, attempt id) once the transaction commits.

    When the broker is unreachable the reports not sent are marked failed with the reason (so they can
    be retried, never left queued for ever) and QueueUnavailable is raised to the caller.
    """

    def send():
        for index, (report_id, attempt_id) in enumerate(attempts):
            try:
                _send(report_id, attempt_id)
            except (OperationalError, OSError) as exc:
                _fail_unsent(attempts[index:], exc)

    if attempts:
        transaction.on_commit(send)


def _fail_unsent(attempts: list[tuple[int, str]], exc: Exception) -> None:
    reason = f"Could not queue the build: the task queue is unreachable ({exc}). Try again."[:2000]
    logger.error("Report builds %s not queued: %s", [pk for pk, _ in attempts], exc)
    failed = []
    for report_id, attempt_id in attempts:
        # Only the queueing that failed: a retry that has since replaced it is left alone.
        if Report.objects.filter(pk=report_id, attempt_id=attempt_id, status=Report.Status.QUEUED).update(
            status=Report.Status.FAILED, error=reason, finished_at=timezone.now()
        ):
            failed.append(report_id)
    raise QueueUnavailable(failed, reason)


def _live(region_id: int, campaign_id: int | None, fingerprint: str) -> Report | None:
    return (
        Report.objects.filter(
            region_id=region_id, campaign_id=campaign_id, fingerprint=fingerprint, status__in=Report.ACTIVE_STATUSES
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def report_request(
    *, region: Region, requested_by: User | None, campaign: Campaign | None = None
) -> tuple[Report, bool]:
    """The report of `region` (for `campaign`, else its latest answers) for its current inputs,
    and whether a build was queued for it.

    An up-to-date report (done, or still queued or running) is returned as it is. Two requests
    at the same moment insert the same (region, fingerprint): the unique constraint lets one
    win and the other returns the winner's report.
    """
    campaign_id = campaign.pk if campaign else None
    fingerprint = region_fingerprint(region=region, campaign_id=campaign_id)
    existing = _live(region.pk, campaign_id, fingerprint)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                region=region,
                campaign=campaign,
                fingerprint=fingerprint,
                requested_by=requested_by,
                attempt_id=new_attempt_id(),
                queued_at=timezone.now(),
            )
    except IntegrityError:
        return _live(region.pk, campaign_id, fingerprint), False
    _enqueue([(report.pk, report.attempt_id)])
    return report, True


def _try_build_lock(report_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [BUILD_LOCK_NAMESPACE, report_id])
        return cursor.fetchone()[0]


def _release_build_lock(report_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [BUILD_LOCK_NAMESPACE, report_id])


def _is_stale_delivery(report: Report, attempt: str | None) -> bool:
    # Messages queued before attempt ids existed carry none: they are built as before.
    return attempt is not None and report.attempt_id != attempt


@changes(REPORTS)
def report_build(*, report_id: int, attempt: str | None = None, worker: str = "") -> Report | None:
    """Build the report's files and record done or failed. Safe to run twice.

    A finished report is left alone, and so is a delivery of an earlier queueing (`attempt` is not
    the report's current attempt id: the report was queued again since). While a build runs, its
    worker holds a session advisory lock on the report; a second delivery that cannot take it raises
    BuildInProgress (the caller tries again later), one that can after finding the report running
    rebuilds it (the first worker died, and PostgreSQL released its lock with its connection).
    """
    report = Report.objects.filter(pk=report_id).select_related("region", "campaign").first()
    if report is None or report.is_finished or _is_stale_delivery(report, attempt):
        return report
    if not _try_build_lock(report_id):
        raise BuildInProgress(report_id)
    try:
        with transaction.atomic():
            report = (
                Report.objects.select_for_update(of=("self",)).select_related("region", "campaign").get(pk=report_id)
            )
            if report.is_finished or _is_stale_delivery(report, attempt):
                return report
            report.status = Report.Status.RUNNING
            report.started_at = timezone.now()
            report.attempts += 1
            report.worker = f"{worker or socket.gethostname()} pid {os.getpid()}"[:200]
            report.error = ""
            report.save(update_fields=["status", "started_at", "attempts", "worker", "error"])
        started = time.perf_counter()
        try:
            summary, html_path, pdf_path, pdf_bytes = _build_files(report)
        except Exception as exc:
            logger.exception("Report %s failed", report_id)
            Report.objects.filter(pk=report_id).update(
                status=Report.Status.FAILED, error=_reason(exc), finished_at=timezone.now()
            )
        else:
            Report.objects.filter(pk=report_id).update(
                status=Report.Status.DONE,
                finished_at=timezone.now(),
                build_ms=round((time.perf_counter() - started) * 1000),
                html_path=html_path,
                pdf_path=pdf_path,
                pdf_bytes=pdf_bytes,
                summary=summary,
            )
    finally:
        _release_build_lock(report_id)
    report.refresh_from_db()
    return report


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"Could not write the report files: {exc}"
    return f"{type(exc).__name__}: {exc}"[:2000]


def report_directory(report: Report) -> Path:
    return Path(settings.MEDIA_ROOT) / "reports" / report.region.code / f"{report.pk}-{report.fingerprint[:12]}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the whole new one, never a part.

    The file is readable by its owner and group only (a proxy sending it may be in the group), and
    so are the directories created for it.
    """
    make_private_directories(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fchmod(file.fileno(), FILE_MODE)
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _build_files(report: Report) -> tuple[dict, str, str, int]:
    # Reports are written in the portal's language, whatever language the worker's thread last served.
    with translation.override(settings.LANGUAGE_CODE):
        context = builder.gather(region=report.region, campaign=report.campaign, fingerprint=report.fingerprint)
        context["report"] = report
        _, document = builder.render_html(context)
    pdf = builder.render_pdf(document)
    if settings.REPORTS_BUILD_DELAY_MS:
        time.sleep(settings.REPORTS_BUILD_DELAY_MS / 1000)
    directory = report_directory(report)
    write_atomically(directory / "report.html", document.encode())
    write_atomically(directory / "report.pdf", pdf)
    root = Path(settings.MEDIA_ROOT)
    return (
        builder.summary(context),
        str((directory / "report.html").relative_to(root)),
        str((directory / "report.pdf").relative_to(root)),
        len(pdf),
    )


@transaction.atomic
def report_retry(*, report: Report, requested_by: User | None, enqueue: bool = True) -> Report:
    """Queue a failed or stuck report again (or return the live report for the region's current inputs).

    A failed report is rebuilt for the region's current inputs. A stuck one (queued or running for
    longer than a build takes) is queued again under a new attempt id, unless its build turns out to be
    alive (a worker holds its lock): then it is returned as it is.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.FAILED:
        fingerprint = region_fingerprint(region=report.region, campaign_id=report.campaign_id)
        existing = _live(report.region_id, report.campaign_id, fingerprint)
        if existing is not None:
            return existing
        report.fingerprint = fingerprint
    elif not report.is_stuck:
        return report
    if not _try_build_lock(report.pk):
        return report
    try:
        report.requeues = 0
        _requeue(report, requested_by=requested_by)
    finally:
        _release_build_lock(report.pk)
    if enqueue:
        _enqueue([(report.pk, report.attempt_id)])
    return report


def _requeue(report: Report, *, requested_by: User | None = None) -> None:
    """Mark the report queued under a new attempt id (the caller sends the task)."""
    report.status = Report.Status.QUEUED
    report.error = ""
    report.started_at = report.finished_at = None
    report.worker = ""
    report.attempt_id = new_attempt_id()
    report.queued_at = timezone.now()
    report.requested_by = requested_by or report.requested_by
    report.save(
        update_fields=[
            "status",
            "fingerprint",
            "error",
            "started_at",
            "finished_at",
            "worker",
            "attempt_id",
            "queued_at",
            "requeues",
            "requested_by",
        ]
    )


def stuck_reports(*, now=None) -> list[Report]:
    """Reports queued or running for longer than their timeout, oldest first (candidates only: a running
    one whose worker still holds its lock is alive)."""
    now = now or timezone.now()
    queued_before = now - timedelta(seconds=settings.REPORTS_QUEUED_TIMEOUT)
    running_before = now - timedelta(seconds=settings.REPORTS_RUNNING_TIMEOUT)
    return list(
        Report.objects.filter(
            Q(status=Report.Status.QUEUED, queued_at__lt=queued_before)
            | Q(status=Report.Status.QUEUED, queued_at__isnull=True, requested_at__lt=queued_before)
            | Q(status=Report.Status.RUNNING, started_at__lt=running_before)
        ).order_by("pk")[:500]
    )


def reports_requeue_stale(*, now=None) -> dict[str, list[int]]:
    """Queue again the reports whose build was lost; fail those queued REPORTS_MAX_REQUEUES times already.

    Each report is handled under its build lock, so a build that is running is never touched, and a
    delivery of the old message that arrives later finds a new attempt id and does nothing.
    """
    outcome: dict[str, list[int]] = {"requeued": [], "failed": [], "unqueued": []}
    for candidate in stuck_reports(now=now):
        if not _try_build_lock(candidate.pk):
            continue  # being built right now
        try:
            with transaction.atomic():
                report = Report.objects.select_for_update().filter(pk=candidate.pk).first()
                if report is None or not report.is_stuck:
                    continue
                if report.requeues >= settings.REPORTS_MAX_REQUEUES:
                    report.status = Report.Status.FAILED
                    report.finished_at = timezone.now()
                    report.error = (
                        f"The build was lost {report.requeues + 1} times (its worker stopped, or the task "
                        "queue dropped it): given up. Try again."
                    )
                    report.save(update_fields=["status", "finished_at", "error"])
                    outcome["failed"].append(report.pk)
                    continue
                report.requeues += 1
                _requeue(report)
                _enqueue([(report.pk, report.attempt_id)])
                outcome["requeued"].append(report.pk)
        except QueueUnavailable as exc:
            outcome["unqueued"].extend(exc.report_ids)
            break
        finally:
            _release_build_lock(candidate.pk)
    return outcome


@changes(REPORTS)
@transaction.atomic
def report_publish(*, report: Report, published_by: User | None) -> Report:
    if report.status != Report.Status.DONE:
        raise ValueError("Only a finished report can be published.")
    report.published_at = timezone.now()
    report.published_by = published_by
    report.save(update_fields=["published_at", "published_by"])
    return report


@changes(REPORTS)
@transaction.atomic
def report_unpublish(*, report: Report) -> Report:
    report.published_at = None
    report.published_by = None
    report.save(update_fields=["published_at", "published_by"])
    return report


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
    *, regions: list[Region], title: str, created_by: User | None, campaign: Campaign | None = None
) -> ReportBatch:
    """One batch of reports for `regions`: up-to-date ones are reused, the others queued.

    Runs a fixed number of queries whatever the number of regions.
    """
    region_ids = [r.pk for r in regions]
    campaign_id = campaign.pk if campaign else None
    current = fingerprints(region_ids=region_ids, campaign_id=campaign_id)
    wanted = set(current.items())

    def live_reports():
        rows = Report.objects.filter(
            region_id__in=region_ids,
            campaign_id=campaign_id,
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
    batch = ReportBatch.objects.create(title=title, campaign=campaign, created_by=created_by)
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


@changes(REPORTS)
@transaction.atomic
def recommendation_save(*, recommendation: Recommendation, themes: list) -> Recommendation:
    """Save a library entry; its version goes up so reports built on the old text become out of date."""
    if recommendation.pk:
        recommendation.version = (
            Recommendation.objects.filter(pk=recommendation.pk).values_list("version", flat=True).first() or 0
        ) + 1
    recommendation.save()
    recommendation.themes.set(themes)
    return recommendation
