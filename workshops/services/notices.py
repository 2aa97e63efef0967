"""Mail to an event's registrants, sent by the worker: calendar updates (with the .ics) and messages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from saphire.page_cache import EVENTS, changes
from workshops import ics, selectors, tasks
from workshops.models import Event, EventMessage, Registration
from workshops.services._common import _when, event_url

CHANGED, MOVED, CANCELLED = "changed", "moved", "cancelled"


def calendar_update_queue(*, event: Event, change: str) -> None:
    """Queue the calendar update of `event` at its current SEQUENCE once the transaction commits."""
    event_id, sequence = event.pk, event.sequence
    transaction.on_commit(lambda: tasks.calendar_update_send.delay(event_id=event_id, sequence=sequence, change=change))


def _update_text(event: Event, change: str) -> tuple[str, str]:
    params = {"title": event.title, "when": _when(event), "url": event_url(event)}
    if change == CANCELLED:
        return (
            _("Cancelled: %(title)s") % params,
            _("“%(title)s” (%(when)s) is cancelled.\n\nReason: %(reason)s") % {**params, "reason": event.cancel_reason}
            + "\n\n"
            + _("The attached calendar file removes it from your calendar."),
        )
    if change == MOVED:
        subject = _("Moved: %(title)s") % params
        body = _("“%(title)s” has moved. It now takes place on %(when)s.\n\n%(url)s") % params
    else:
        subject = _("Changed: %(title)s") % params
        body = _("The details of “%(title)s” (%(when)s) have changed.\n\n%(url)s") % params
    return subject, body + "\n\n" + _("The attached calendar file updates the entry in your calendar.")


def calendar_update_send(*, event: Event, sequence: int, change: str) -> int:
    """Email every active registrant, in their language, the event as an iTIP REQUEST (or CANCEL).

    An update queued for an older SEQUENCE is dropped: a newer one is on its way and supersedes it.
    Returns how many emails went out.
    """
    if event.sequence != sequence:
        return 0
    method = "CANCEL" if change == CANCELLED else "REQUEST"
    registrations = (
        event.registrations.filter(status__in=selectors.ACTIVE_STATUSES).exclude(user__email="").select_related("user")
    )
    messages = []
    for registration in registrations:
        user = registration.user
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject, body = _update_text(event, change)
        attachment = ics.calendar_bytes(
            [event],
            name=event.title,
            method=method,
            attendee=user.email,
            online_link_visible=lambda e, r=registration: r.status == Registration.Status.CONFIRMED,
        )
        message = EmailMessage(subject, body, to=[user.email])
        message.attach("event.ics", attachment, f"text/calendar; method={method}; charset=utf-8")
        messages.append(message)
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


# Messages to participants ------------------------------------------------------------------------

MESSAGE_CHUNK = 200


def message_recipients(*, event: Event, audience: str):
    registrations = event.registrations.exclude(user__email="")
    if audience == EventMessage.Audience.CONFIRMED:
        return registrations.filter(status=Registration.Status.CONFIRMED)
    if audience == EventMessage.Audience.WAITING:
        return registrations.filter(status__in=(Registration.Status.WAITLISTED, Registration.Status.OFFERED))
    if audience == EventMessage.Audience.CHECKED_IN:
        return registrations.filter(status=Registration.Status.CONFIRMED, checked_in_at__isnull=False)
    return registrations.filter(status__in=selectors.ACTIVE_STATUSES)


@changes(EVENTS)
@transaction.atomic
def message_send(*, event: Event, audience: str, subject: str, body: str, by: User) -> EventMessage:
    """Log the message on the event and queue it for the worker, which sends one email per person."""
    errors = {}
    if audience not in EventMessage.Audience.values:
        errors["audience"] = [_("Choose who receives the message.")]
    if not subject.strip():
        errors["subject"] = [_("Give the message a subject.")]
    if not body.strip():
        errors["body"] = [_("Write the message.")]
    if errors:
        raise ValidationError(errors)
    message = EventMessage.objects.create(
        event=event, audience=audience, subject=subject.strip(), body=body.strip(), sent_by=by
    )
    transaction.on_commit(lambda: tasks.message_deliver.delay(message_id=message.pk))
    return message


def message_deliver(*, message: EventMessage) -> int:
    """Send `message` to its audience, each email framed in the person's own language.

    The row is locked while sending and marked sent at the end, so a redelivered task sends nothing twice.
    """
    with transaction.atomic():
        message = EventMessage.objects.select_for_update().select_related("event").get(pk=message.pk)
        if message.sent_at is not None:
            return 0
        event = message.event
        people = list(
            message_recipients(event=event, audience=message.audience)
            .values_list("user__email", "user__language")
            .order_by("pk")
        )
        connection = get_connection()
        frames: dict[str, tuple[str, str]] = {}
        sent = 0
        for start in range(0, len(people), MESSAGE_CHUNK):
            emails = []
            for email, language in people[start : start + MESSAGE_CHUNK]:
                language = language or settings.LANGUAGE_CODE
                if language not in frames:
                    frames[language] = _message_frame(event, language)
                heading, footer = frames[language]
                body = f"{heading}\n\n{message.body}\n\n-- \n{footer}"
                emails.append(EmailMessage(message.subject, body, to=[email], connection=connection))
            sent += connection.send_messages(emails) or 0
        message.sent_at = timezone.now()
        message.recipient_count = sent
        message.save(update_fields=["sent_at", "recipient_count"])
    return sent


def _message_frame(event: Event, language: str) -> tuple[str, str]:
    with translation.override(language):
        heading = _("A message from the coordinators of “%(title)s” (%(when)s):") % {
            "title": event.title,
            "when": _when(event),
        }
        footer = _("You receive this because you registered for this event: %(url)s") % {"url": event_url(event)}
    return heading, footer
