import pytest

from saphire import tasks
from tests.helpers import wait_for

pytestmark = pytest.mark.worker


def test_worker_sends_email_through_redis(celery_worker):
    tasks.send_email.delay(subject="Workshop in Oulu", body="See you there.", recipients=["olli@example.eu"])

    def sent_mail() -> str:
        # The file backend creates the file before it writes the message into it.
        texts = [path.read_text() for path in celery_worker.mail_dir.glob("*.log")]
        return next((text for text in texts if "Subject:" in text), "")

    content = wait_for(sent_mail, timeout=30)

    assert "Subject: Workshop in Oulu" in content
    assert "olli@example.eu" in content
