import os
from pathlib import Path

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


def test_worker_runs_below_the_web_processes_priority(celery_worker, settings):
    """Report builds must not take the processor from people waiting for pages (CELERY_WORKER_NICE)."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    expected = min(19, own + settings.CELERY_WORKER_NICE)
    pool = [
        int(pid)
        for pid in Path(f"/proc/{celery_worker.proc.pid}/task/{celery_worker.proc.pid}/children").read_text().split()
    ]

    assert settings.CELERY_WORKER_NICE == 10
    assert os.getpriority(os.PRIO_PROCESS, celery_worker.proc.pid) == expected
    assert len(pool) == 2
    assert all(os.getpriority(os.PRIO_PROCESS, pid) == expected for pid in pool)


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="the kernel has no autogroup scheduling")
def test_worker_in_its_own_session_lowers_its_sessions_share(celery_worker, settings):
    """With autogroup scheduling, nice only orders processes inside a session: the session's share must drop too."""
    autogroup = Path(f"/proc/{celery_worker.proc.pid}/autogroup").read_text().split()

    assert os.getsid(celery_worker.proc.pid) == celery_worker.proc.pid
    assert autogroup[-1] == str(settings.CELERY_WORKER_NICE)
