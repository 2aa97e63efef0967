"""Queueing report builds: requests, retries, and the sweep that queues again the builds that were lost."""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.models import User
from mapping.models import Campaign
from regions.models import Region
from reports import tasks
from reports.fingerprint import fingerprint as region_fingerprint
from reports.models import Report
from reports.services.inputs import check_inputs

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


def _live(region_id: int, campaign_id: int | None, language: str, fingerprint: str) -> Report | None:
    return (
        Report.objects.filter(
            region_id=region_id,
            campaign_id=campaign_id,
            language=language,
            fingerprint=fingerprint,
            status__in=Report.ACTIVE_STATUSES,
        )
        .order_by("-pk")
        .first()
    )


def report_language(language: str = "") -> str:
    """`language` if the portal speaks it, else the portal's default language."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def report_request(
    *, region: Region, requested_by: User | None, campaign: Campaign | None = None, language: str = ""
) -> tuple[Report, bool]:
    """The report of `region` (for `campaign`, else its latest answers) in `language` for its current
    inputs, and whether a build was queued for it.

    An up-to-date report (done, or still queued or running) is returned as it is. Two requests
    at the same moment insert the same (region, campaign, language, fingerprint): the unique
    constraint lets one win and the other returns the winner's report. A campaign without accepted
    answers for the region raises EmptyInputs and records nothing.
    """
    check_inputs(region=region, campaign=campaign)
    language = report_language(language)
    campaign_id = campaign.pk if campaign else None
    fingerprint = region_fingerprint(region=region, campaign_id=campaign_id)
    existing = _live(region.pk, campaign_id, language, fingerprint)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                region=region,
                campaign=campaign,
                language=language,
                fingerprint=fingerprint,
                requested_by=requested_by,
                attempt_id=new_attempt_id(),
                queued_at=timezone.now(),
            )
    except IntegrityError:
        return _live(region.pk, campaign_id, language, fingerprint), False
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
        existing = _live(report.region_id, report.campaign_id, report.language, fingerprint)
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
