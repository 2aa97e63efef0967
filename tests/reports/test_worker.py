"""Report builds through Redis on a real Celery worker process."""

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from pypdf import PdfReader

from reports import services
from reports.models import Report
from tests.helpers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _status(report_id: int, *statuses: str) -> Report | None:
    report = Report.objects.get(pk=report_id)
    return report if report.status in statuses else None


def test_requested_report_is_built_by_the_worker(start_worker, region_with_findings, coordinator):
    start_worker()

    report, queued = services.report_request(region=region_with_findings, requested_by=coordinator)

    assert queued is True
    done = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=60)
    assert (done.status, done.error, done.attempts) == ("done", "", 1)
    assert done.summary["top_gaps"][0]["title"] == "No shared genomic data platform"


def test_pdf_holds_the_region_name_and_its_top_gap(start_worker, region_with_findings, coordinator, settings):
    start_worker()

    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    done = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=60)

    pdf = Path(settings.MEDIA_ROOT) / done.pdf_path
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Pohjois- ja Itä-Suomi" in text
    assert "No shared genomic data platform" in text
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    assert "Pohjois- ja Itä-Suomi" in reader.pages[0].extract_text()


def test_two_simultaneous_requests_build_once(start_worker, region_with_findings, coordinator):
    start_worker(concurrency=2, REPORTS_BUILD_DELAY_MS="500")
    results = []
    barrier = threading.Barrier(2)

    def request():
        barrier.wait()
        try:
            results.append(services.report_request(region=region_with_findings, requested_by=coordinator))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({report.pk for report, _ in results}) == 1
    assert sorted(queued for _, queued in results) == [False, True]
    done = wait_for(lambda: _status(results[0][0].pk, "done", "failed"), timeout=60)
    assert (done.status, done.attempts) == ("done", 1)
    assert Report.objects.filter(region=region_with_findings).count() == 1
    # A later request with nothing changed returns the finished report at once.
    again, queued = services.report_request(region=region_with_findings, requested_by=coordinator)
    assert (again.pk, queued) == (done.pk, False)


def test_worker_killed_mid_build_leaves_exactly_one_done_report(start_worker, region_with_findings, coordinator):
    worker = start_worker(concurrency=1, REPORTS_BUILD_DELAY_MS="4000")
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    running = wait_for(lambda: _status(report.pk, "running"), timeout=60)
    pool_child = int(running.worker.rsplit("pid ", 1)[1])
    assert pool_child != worker.proc.pid

    os.kill(pool_child, signal.SIGKILL)

    done = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=90)
    assert (done.status, done.error, done.attempts) == ("done", "", 2)
    assert Report.objects.filter(region=region_with_findings).count() == 1
    files = sorted(p.name for p in _report_dir(done).iterdir())
    assert files == ["report.html", "report.pdf"]  # no temporary half-written file left behind
    assert "WorkerLostError" in worker.log() or "SIGKILL" in worker.log()


def test_whole_worker_killed_mid_build_is_rebuilt_by_the_next_worker(start_worker, region_with_findings, coordinator):
    worker = start_worker(concurrency=1, REPORTS_BUILD_DELAY_MS="3000")
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    wait_for(lambda: _status(report.pk, "running"), timeout=60)

    os.killpg(worker.proc.pid, signal.SIGKILL)
    worker.proc.wait()
    assert Report.objects.get(pk=report.pk).status == "running"
    # A starting worker hands back to the queue the tasks left unacknowledged for longer than the
    # visibility timeout (an hour in production; two seconds here).
    time.sleep(3)
    start_worker(concurrency=1, REPORTS_BUILD_DELAY_MS="0", CELERY_VISIBILITY_TIMEOUT="2")

    done = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=90)
    assert (done.status, done.attempts) == ("done", 2)
    assert Report.objects.filter(region=region_with_findings).count() == 1


def test_failing_build_shows_its_reason(start_worker, region_with_findings, coordinator, tmp_path, client_as):
    not_a_directory = tmp_path / "occupied"
    not_a_directory.write_text("a file where the reports directory should be")
    start_worker(MEDIA_ROOT=str(not_a_directory / "media"))

    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    failed = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=60)

    assert failed.status == "failed"
    assert failed.error.startswith("Could not write the report files: [Errno 20] Not a directory")
    api = client_as(coordinator).get(f"/api/v1/reports/{report.pk}/").json()
    assert (api["status"], api["error"]) == ("failed", failed.error)
    page = client_as(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert "Not a directory" in page


def _report_dir(report: Report) -> Path:
    return (Path(settings.MEDIA_ROOT) / report.pdf_path).parent


def test_whole_worker_killed_is_requeued_by_the_sweep_and_the_late_redelivery_builds_nothing(
    start_worker, region_with_findings, coordinator, settings
):
    worker = start_worker(concurrency=1, REPORTS_BUILD_DELAY_MS="3000")
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    lost = wait_for(lambda: _status(report.pk, "running"), timeout=60)
    os.killpg(worker.proc.pid, signal.SIGKILL)
    worker.proc.wait()

    # The sweep finds the build lost (no worker holds its lock) and queues it under a new attempt id.
    settings.REPORTS_RUNNING_TIMEOUT = 1
    time.sleep(3)
    assert services.reports_requeue_stale()["requeued"] == [report.pk]
    # The next worker also hands the lost attempt's message back to the queue (its visibility timeout is
    # past): both messages are delivered, one builds.
    second = start_worker(concurrency=1, CELERY_VISIBILITY_TIMEOUT="2")

    done = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=90)
    wait_for(lambda: f"attempt {lost.attempt_id} was replaced" in second.log(), timeout=60)
    done.refresh_from_db()
    assert (done.status, done.attempts, done.requeues) == ("done", 2, 1)
    assert done.attempt_id != lost.attempt_id
    assert Report.objects.filter(region=region_with_findings).count() == 1


def test_stopping_make_run_lets_the_running_build_finish(start_worker, region_with_findings, coordinator):
    run_script = _load_run_script()
    worker = start_worker(concurrency=1, REPORTS_BUILD_DELAY_MS="3000")
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    wait_for(lambda: _status(report.pk, "running"), timeout=60)

    run_script.stop_all({"worker": worker.proc})

    assert worker.proc.returncode is not None
    done = Report.objects.get(pk=report.pk)
    assert (done.status, done.error, done.attempts) == ("done", "", 1)


def _load_run_script():
    spec = importlib.util.spec_from_file_location("run_script", Path(settings.BASE_DIR) / "scripts" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_beat_sweep_rebuilds_the_report_of_a_worker_killed_outright(
    start_worker, region_with_findings, coordinator, tmp_path
):
    """No visibility timeout to wait for: the parked message stays parked, the sweep queues a new attempt."""
    worker = start_worker(concurrency=1, REPORTS_BUILD_DELAY_MS="3000")
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    wait_for(lambda: _status(report.pk, "running"), timeout=60)
    os.killpg(worker.proc.pid, signal.SIGKILL)
    worker.proc.wait()

    sweep_env = {"REPORTS_RUNNING_TIMEOUT": "1", "REPORTS_SWEEP_INTERVAL_SECONDS": "1"}
    start_worker(concurrency=1, **sweep_env)
    with _beat(worker.env | sweep_env, tmp_path):
        done = wait_for(lambda: _status(report.pk, "done", "failed"), timeout=90)

    assert (done.status, done.attempts, done.requeues) == ("done", 2, 1)


@contextlib.contextmanager
def _beat(env: dict, tmp_path: Path):
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saphire", "beat", "-l", "info", "-s", str(tmp_path / "beat-schedule")],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield beat
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=20)
