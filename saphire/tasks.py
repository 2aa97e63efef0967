from celery import shared_task
from django.core.mail import send_mail


@shared_task(name="saphire.send_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one email from the worker; SMTP hiccups are retried with backoff."""
    return send_mail(subject, body, None, recipients)
