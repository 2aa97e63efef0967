import logging

from celery import shared_task

from reports import services

logger = logging.getLogger(__name__)


@shared_task(name="reports.report_build", bind=True, max_retries=40)
def report_build(self, *, report_id: int, attempt: str | None = None) -> None:
    try:
        report = services.report_build(report_id=report_id, attempt=attempt, worker=self.request.hostname or "")
    except services.BuildInProgress as exc:
        # Look again later: the build either finishes (then this is a no-op) or its worker died.
        raise self.retry(exc=exc, countdown=15) from None
    if report is None:
        logger.warning("Report %s vanished before it was built", report_id)
    elif attempt is not None and report.attempt_id != attempt:
        logger.info("Report %s: attempt %s was replaced by a later queueing; nothing to do", report_id, attempt)


@shared_task(name="reports.requeue_stale")
def requeue_stale() -> dict[str, list[int]]:
    outcome = services.reports_requeue_stale()
    if any(outcome.values()):
        logger.warning("Stale reports: %s", outcome)
    return outcome
