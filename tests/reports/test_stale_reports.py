"""Attempt ids and the stale-report sweep: a lost build is queued again, never built twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from reports import permissions, services
from reports.fingerprint import fingerprint
from reports.models import Report
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def _long_ago(seconds: int = 3600):
    return timezone.now() - timedelta(seconds=seconds)


def _running_since(region, seconds: int, **fields) -> Report:
    fields.setdefault("fingerprint", fingerprint(region=region))
    return ReportFactory(
        region=region,
        status=Report.Status.RUNNING,
        attempt_id="a" * 32,
        queued_at=_long_ago(seconds + 5),
        started_at=_long_ago(seconds),
        attempts=1,
        worker="dead-worker pid 1",
        **fields,
    )


class HeldBuildLock:
    """Holds a report's build lock from another database session, as a live worker does while it builds."""

    def __init__(self, report_id: int):
        self.report_id = report_id
        self.taken, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            assert services._try_build_lock(self.report_id)
            self.taken.set()
            self.release.wait(30)
            services._release_build_lock(self.report_id)
        finally:
            connections["default"].close()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join()


def test_each_queueing_gets_its_own_attempt_id(region, coordinator, django_capture_on_commit_callbacks):
    report, _ = services.report_request(region=region, requested_by=coordinator)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)

    retried = services.report_retry(report=report, requested_by=coordinator)

    assert len(report.attempt_id) == 32
    assert retried.attempt_id not in ("", report.attempt_id)
    assert retried.queued_at >= report.queued_at


def test_delivery_of_a_replaced_attempt_builds_nothing(region_with_findings, media_root):
    report, _ = services.report_request(region=region_with_findings, requested_by=None)
    Report.objects.filter(pk=report.pk).update(attempt_id="b" * 32)

    late = services.report_build(report_id=report.pk, attempt=report.attempt_id)

    assert (late.status, late.attempts, late.started_at, late.pdf_path) == ("queued", 0, None, "")
    assert not (media_root / "reports").exists()


def test_delivery_of_the_current_attempt_builds_the_report(region_with_findings, media_root):
    report, _ = services.report_request(region=region_with_findings, requested_by=None)

    built = services.report_build(report_id=report.pk, attempt=report.attempt_id)

    assert (built.status, built.attempts) == ("done", 1)


def test_sweep_requeues_a_report_whose_worker_died_mid_build(region, settings, django_capture_on_commit_callbacks):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    report = _running_since(region, seconds=120)

    with django_capture_on_commit_callbacks() as callbacks:
        outcome = services.reports_requeue_stale()

    report.refresh_from_db()
    assert outcome == {"requeued": [report.pk], "failed": [], "unqueued": []}
    assert (report.status, report.requeues, report.started_at, report.worker) == ("queued", 1, None, "")
    assert report.attempt_id not in ("", "a" * 32)
    assert len(callbacks) == 1
    # The message of the lost attempt, redelivered when the broker's visibility timeout runs out, is a no-op.
    assert services.report_build(report_id=report.pk, attempt="a" * 32).status == "queued"


def test_sweep_leaves_a_long_build_alone_while_its_worker_holds_the_lock(region, settings):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    report = _running_since(region, seconds=600)

    with HeldBuildLock(report.pk):
        outcome = services.reports_requeue_stale()

    report.refresh_from_db()
    assert outcome == {"requeued": [], "failed": [], "unqueued": []}
    assert (report.status, report.attempt_id, report.requeues) == ("running", "a" * 32, 0)


def test_sweep_leaves_recent_reports_alone(region, other_region, settings):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    settings.REPORTS_QUEUED_TIMEOUT = 600
    running = _running_since(region, seconds=30)
    queued = ReportFactory(region=other_region, attempt_id="c" * 32, queued_at=_long_ago(300))

    outcome = services.reports_requeue_stale()

    assert outcome["requeued"] == []
    assert Report.objects.get(pk=running.pk).attempt_id == "a" * 32
    assert Report.objects.get(pk=queued.pk).attempt_id == "c" * 32


def test_sweep_requeues_a_report_queued_too_long(region, settings, django_capture_on_commit_callbacks):
    settings.REPORTS_QUEUED_TIMEOUT = 600
    report = ReportFactory(region=region, attempt_id="c" * 32, queued_at=_long_ago(900))

    with django_capture_on_commit_callbacks() as callbacks:
        outcome = services.reports_requeue_stale()

    report.refresh_from_db()
    assert outcome["requeued"] == [report.pk]
    assert (report.status, report.requeues, len(callbacks)) == ("queued", 1, 1)
    assert report.attempt_id != "c" * 32


def test_sweep_fails_a_report_lost_too_many_times_with_the_reason(region, settings):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    settings.REPORTS_MAX_REQUEUES = 3
    report = _running_since(region, seconds=120, requeues=3)

    outcome = services.reports_requeue_stale()

    report.refresh_from_db()
    assert outcome["failed"] == [report.pk]
    assert report.status == "failed"
    assert report.error.startswith("The build was lost 4 times")
    assert report.finished_at is not None


def test_stuck_report_can_be_retried_by_those_who_may_request_it(region, official, other_official, settings):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    stuck = _running_since(region, seconds=120)
    fresh = _running_since(region, seconds=5, fingerprint="f" * 64)

    assert permissions.can_retry_report(official, stuck) is True
    assert permissions.can_retry_report(other_official, stuck) is False
    assert permissions.can_retry_report(official, fresh) is False


def test_retry_of_a_stuck_report_queues_a_new_attempt(region, official, settings, django_capture_on_commit_callbacks):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    stuck = _running_since(region, seconds=120, requeues=2)

    with django_capture_on_commit_callbacks() as callbacks:
        retried = services.report_retry(report=stuck, requested_by=official)

    assert (retried.pk, retried.status, retried.requeues, len(callbacks)) == (stuck.pk, "queued", 0, 1)
    assert retried.attempt_id != "a" * 32


def test_retry_leaves_a_build_that_is_alive_alone(region, official, settings, django_capture_on_commit_callbacks):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    long_build = _running_since(region, seconds=600)

    with HeldBuildLock(long_build.pk), django_capture_on_commit_callbacks() as callbacks:
        retried = services.report_retry(report=long_build, requested_by=official)

    assert (retried.status, retried.attempt_id, len(callbacks)) == ("running", "a" * 32, 0)


def test_sweep_runs_from_beat(settings):
    from reports import tasks

    assert settings.CELERY_BEAT_SCHEDULE["reports-requeue-stale"]["task"] == tasks.requeue_stale.name


def test_stuck_report_page_offers_a_retry_that_queues_it_again(region, official, client_as, settings):
    settings.REPORTS_RUNNING_TIMEOUT = 60
    stuck = _running_since(region, seconds=120)
    client = client_as(official)

    page = client.get(f"/reports/{stuck.pk}/").content.decode()
    response = client.post(f"/reports/{stuck.pk}/retry/")

    assert f'action="/reports/{stuck.pk}/retry/"' in page
    assert response["Location"] == f"/reports/{stuck.pk}/"
    stuck.refresh_from_db()
    assert stuck.status == "queued"
    assert stuck.attempt_id != "a" * 32


def test_stuck_report_can_be_retried_through_the_api(region, official, client_as, settings):
    settings.REPORTS_QUEUED_TIMEOUT = 600
    stuck = ReportFactory(region=region, attempt_id="c" * 32, queued_at=_long_ago(900))

    response = client_as(official).post(f"/api/v1/reports/{stuck.pk}/retry/")

    assert (response.status_code, response.json()["status"]) == (200, "queued")
    stuck.refresh_from_db()
    assert stuck.attempt_id != "c" * 32
