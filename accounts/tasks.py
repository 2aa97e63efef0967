from celery import shared_task

from accounts import services


@shared_task(name="accounts.password_reset_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def password_reset_send(*, email: str) -> None:
    services.password_reset_send(email=email)
