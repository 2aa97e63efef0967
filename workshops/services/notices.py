"""Mail to an event's registrants sent by the worker: calendar updates (with the .ics) and messages."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from workshops import ics, selectors, tasks
from workshops.models import Event, Registration
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
