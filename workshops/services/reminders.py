"""Reminders sent before an event, each at most once."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from saphire.mail import email_queue
from workshops.models import (
    Event,
    Registration,
    ReminderSent,
)
from workshops.services._common import _when, event_url

# Reminders --------------------------------------------------------------------------------------


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Email a reminder to each confirmed registrant whose event starts within its reminder lead.

    Each (registration, start) is recorded under a unique constraint in the same transaction that
    queues the email, so a rerun (a second beat, a restarted worker) sends nothing twice.
    """
    now = now or timezone.now()
    already = ReminderSent.objects.filter(registration=OuterRef("pk"), event_starts_at=OuterRef("event__starts_at"))
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            event__status=Event.Status.CONFIRMED,
            event__starts_at__gt=now,
            event__starts_at__lte=ExpressionWrapper(
                Value(now) + F("event__reminder_lead"), output_field=DateTimeField()
            ),
        )
        .filter(~Exists(already))
        .select_related("event", "user")
    )
    sent = 0
    for registration in due:
        event = registration.event
        try:
            with transaction.atomic():
                ReminderSent.objects.create(registration=registration, event_starts_at=event.starts_at)
                email_queue(
                    subject=_("Reminder: %(title)s") % {"title": event.title},
                    body=_("“%(title)s” starts on %(when)s.\n\n%(where)s\n%(url)s")
                    % {
                        "title": event.title,
                        "when": _when(event),
                        "where": event.venue or event.online_url,
                        "url": event_url(event),
                    },
                    recipients=[registration.user.email],
                )
        except IntegrityError:
            continue  # another run recorded it first
        sent += 1
    return sent
