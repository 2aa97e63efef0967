import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventFactory, RegistrationFactory, UserFactory
from tests.helpers import wait_for
from workshops import tasks
from workshops.models import Registration, ReminderSent

pytestmark = pytest.mark.worker


def _reminder_mails(worker) -> list[str]:
    texts = [path.read_text() for path in worker.mail_dir.glob("*.log")] if worker.mail_dir.exists() else []
    return [chunk for text in texts for chunk in text.split("Subject: ")[1:] if chunk.startswith("Reminder:")]


def _runs_done(worker) -> int:
    return sum(1 for line in worker.output if "workshops.send_reminders" in line and "succeeded" in line)


def test_worker_sends_each_reminder_once_across_reruns_and_restarts(celery_worker):
    now = timezone.now()
    event = EventFactory(
        title="Oulu data workshop", starts_at=now + timedelta(hours=3), ends_at=now + timedelta(hours=6)
    )
    RegistrationFactory(event=event, user=UserFactory(email="ann@example.eu"))
    RegistrationFactory(event=event, user=UserFactory(email="bob@example.eu"))
    RegistrationFactory(event=event, user=UserFactory(email="wait@example.eu"), status=Registration.Status.WAITLISTED)
    later = EventFactory(starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=5, hours=2))
    RegistrationFactory(event=later, user=UserFactory(email="later@example.eu"))

    # Two beats firing at once, as when beat restarts mid-interval.
    tasks.send_reminders.delay()
    tasks.send_reminders.delay()
    wait_for(lambda: _runs_done(celery_worker) == 2, timeout=30)
    wait_for(lambda: len(_reminder_mails(celery_worker)) >= 2, timeout=30)

    celery_worker.stop()
    celery_worker.start()
    tasks.send_reminders.delay()
    wait_for(lambda: _runs_done(celery_worker) == 3, timeout=30)
    time.sleep(2)  # room for a wrong third email to arrive

    mails = _reminder_mails(celery_worker)
    assert len(mails) == 2
    assert all("Oulu data workshop" in mail for mail in mails)
    assert sorted(ReminderSent.objects.values_list("registration__user__email", flat=True)) == [
        "ann@example.eu",
        "bob@example.eu",
    ]
