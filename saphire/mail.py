from django.db import transaction

from saphire import tasks


def email_queue(*, subject: str, body: str, recipients: list[str]) -> None:
    """Send an email from the worker once the current transaction commits."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    transaction.on_commit(lambda: tasks.send_email.delay(subject=subject, body=body, recipients=recipients))
