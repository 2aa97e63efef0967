import logging

from celery import shared_task

from workshops import services
from workshops.models import Event, EventMessage

logger = logging.getLogger(__name__)


@shared_task(name="workshops.send_reminders")
def send_reminders() -> int:
    """Beat runs this every few minutes; the service records each reminder, so overlapping runs are safe."""
    sent = services.reminders_send_due()
    if sent:
        logger.info("Sent %s event reminders", sent)
    return sent


@shared_task(name="workshops.expire_offers")
def expire_offers() -> int:
    """Beat runs this every few minutes: lapsed seat offers go to the next person waiting."""
    lapsed = services.offers_expire()
    if lapsed:
        logger.info("%s seat offers lapsed", lapsed)
    return lapsed


@shared_task(name="workshops.calendar_update_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def calendar_update_send(*, event_id: int, sequence: int, change: str) -> int:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        logger.warning("Event %s vanished before its calendar update", event_id)
        return 0
    return services.calendar_update_send(event=event, sequence=sequence, change=change)


@shared_task(name="workshops.message_deliver", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def message_deliver(*, message_id: int) -> int:
    message = EventMessage.objects.filter(pk=message_id).first()
    if message is None:
        logger.warning("Event message %s vanished before sending", message_id)
        return 0
    return services.message_deliver(message=message)
