import logging

from django.core.mail import send_mail
from django.db import transaction
from kombu.exceptions import OperationalError

from saphire import tasks

logger = logging.getLogger(__name__)


def email_queue(*, subject: str, body: str, recipients: list[str]) -> None:
    """Send an email from the worker once the current transaction commits.

    With Redis unreachable the task cannot be queued, so the email is sent from this process instead:
    slower for this one request, but the email is not lost and the request does not fail.
    """
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    transaction.on_commit(lambda: _queue_or_send(subject=subject, body=body, recipients=recipients))


def _queue_or_send(*, subject: str, body: str, recipients: list[str]) -> None:
    try:
        tasks.send_email.delay(subject=subject, body=body, recipients=recipients)
    except OperationalError:
        logger.warning("task queue unreachable: sending %r from the web process", subject)
        try:
            send_mail(subject, body, None, recipients)
        except OSError:
            logger.exception("email %r to %d recipients could not be sent", subject, len(recipients))
