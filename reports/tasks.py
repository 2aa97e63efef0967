import logging

from celery import shared_task

from reports import services

logger = logging.getLogger(__name__)


@shared_task(name="reports.report_build", bind=True)
def report_build(self, *, report_id: int) -> None:
    report = services.report_build(report_id=report_id, worker=self.request.hostname or "")
    if report is None:
        logger.warning("Report %s vanished before it was built", report_id)
