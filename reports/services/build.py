"""Building a report's files: HTML and PDF written atomically, done or failed recorded once."""

import logging
import os
import socket
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from reports import builder
from reports.models import Report
from reports.services.queue import BuildInProgress, _is_stale_delivery, _release_build_lock, _try_build_lock
from saphire.files import FILE_MODE, make_private_directories
from saphire.page_cache import REPORTS, changes

logger = logging.getLogger(__name__)


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
    # Each report is written in its own language, whatever language the worker's thread last served.
    with translation.override(report.language or settings.LANGUAGE_CODE):
        context = builder.gather(
            region=report.region, campaign=report.campaign, fingerprint=report.fingerprint, report=report
        )
        body, document = builder.render_html(context)
        pdf = builder.render_pdf(context, body)
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
