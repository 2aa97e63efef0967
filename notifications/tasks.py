import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from notifications import digests

logger = logging.getLogger(__name__)


@shared_task(name="notifications.digest_send_due", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def digest_send_due(*, frequency: str) -> int:
    return digests.digest_run(frequency=frequency)


@shared_task(name="notifications.digest_send_user", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def digest_send_user(*, user_id: int) -> int:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        logger.warning("User %s vanished before their notification mail", user_id)
        return 0
    return digests.digest_send_user(user=user)
