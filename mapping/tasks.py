import logging

from celery import shared_task
from django.utils import timezone

from mapping import services

logger = logging.getLogger(__name__)


@shared_task(name="mapping.reminders_send")
def reminders_send() -> int:
    sent = services.reminders_send(today=timezone.localdate())
    logger.info("Mapping deadline reminders sent: %s", sent)
    return sent
