import logging

from celery import shared_task

from reports import services

logger = logging.getLogger(__name__)


@shared_task(name="reports.report_build", bind=True, max_retries=40)
def report_build(self, *, report_id: int) -> None:
    try:
        report = services.report_build(report_id=report_id, worker=self.request.hostname or "")
    except services.BuildInProgress as exc:
        # Look again later: the build either finishes (then this is a no-op) or its worker died.
        raise self.retry(exc=exc, countdown=15) from None
    if report is None:
        logger.warning("Report %s vanished before it was built", report_id)
