import pytest

from saphire import tasks
from tests.helpers import wait_for

pytestmark = pytest.mark.worker


def test_worker_sends_email_through_redis(celery_worker):
    tasks.send_email.delay(subject="Workshop in Oulu", body="See you there.", recipients=["olli@example.eu"])

    sent = wait_for(lambda: list(celery_worker.mail_dir.glob("*.log")), timeout=30)

    content = sent[0].read_text()
    assert "Subject: Workshop in Oulu" in content
    assert "olli@example.eu" in content
