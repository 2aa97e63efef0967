import logging

from celery import shared_task

from workshops import services

logger = logging.getLogger(__name__)


@shared_task(name="workshops.send_reminders")
def send_reminders() -> int:
    """Beat runs this every few minutes; the service records each reminder, so overlapping runs are safe."""
    sent = services.reminders_send_due()
    if sent:
        logger.info("Sent %s event reminders", sent)
    return sent
