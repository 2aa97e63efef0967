"""Helpers shared by the areas: how an event is named in mail, seats and waiting-list promotion."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from saphire.mail import email_queue
from workshops import timezones
from workshops.models import (
    Event,
    Registration,
    SeatQuota,
    StakeholderKind,
)
from workshops.selectors import seat_refusal


def _when(event: Event) -> str:
    local = event.starts_at.astimezone(timezones.zone(event.timezone))
    return f"{local:%Y-%m-%d %H:%M} {event.timezone}"


def event_url(event: Event) -> str:
    return f"{settings.SITE_URL}/events/{event.pk}/"


def _has_seat(event: Event, stakeholder_kind: str) -> bool:
    """Whether one more confirmed registration fits; the caller holds the event row lock."""
    return seat_refusal(event, stakeholder_kind) is None


def waitlist_message(event: Event, registration: Registration, position: int | None) -> str:
    """Why `registration` waits, and its place on the waiting list."""
    if seat_refusal(event, registration.stakeholder_kind) == "quota":
        quota = SeatQuota.objects.filter(event=event, stakeholder_kind=registration.stakeholder_kind).first()
        return _(
            "The %(n)s seats for %(kind)s are taken (each group has a quota; the event itself still has free seats): "
            "you are number %(position)s on the waiting list."
        ) % {
            "n": quota.seats if quota else 0,
            "kind": StakeholderKind(registration.stakeholder_kind).label.lower(),
            "position": position,
        }
    return _("The event is full: you are number %(position)s on the waiting list.") % {"position": position}


def _in_language(user, function, *args, **kwargs):
    """Run `function` with the user's own language active, for mail they will read."""
    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        return function(*args, **kwargs)


def _offer_or_confirm(event: Event, candidate: Registration, now: datetime) -> None:
    if event.offer_hours:
        candidate.status = Registration.Status.OFFERED
        candidate.offer_expires_at = now + timedelta(hours=event.offer_hours)
        candidate.save(update_fields=["status", "offer_expires_at"])
        _in_language(candidate.user, _mail_offer, event, candidate)
        return
    candidate.status = Registration.Status.CONFIRMED
    candidate.promoted_at = now
    candidate.offer_expires_at = None
    candidate.save(update_fields=["status", "promoted_at", "offer_expires_at"])
    _in_language(candidate.user, _mail_seat, event, candidate)


def _mail_seat(event: Event, registration: Registration) -> None:
    email_queue(
        subject=_("A seat is yours: %(title)s") % {"title": event.title},
        body=_("A seat came free at “%(title)s” on %(when)s, and it is now yours.\n\n%(url)s")
        % {"title": event.title, "when": _when(event), "url": event_url(event)},
        recipients=[registration.user.email],
    )


def _mail_offer(event: Event, registration: Registration) -> None:
    expires = registration.offer_expires_at.astimezone(timezones.zone(event.timezone))
    email_queue(
        subject=_("A seat is offered to you: %(title)s") % {"title": event.title},
        body=_(
            "A seat came free at “%(title)s” on %(when)s. It is held for you until %(expires)s (%(zone)s): "
            "accept it on the event page before then, or it goes to the next person waiting.\n\n%(url)s"
        )
        % {
            "title": event.title,
            "when": _when(event),
            "expires": f"{expires:%Y-%m-%d %H:%M}",
            "zone": event.timezone,
            "url": event_url(event),
        },
        recipients=[registration.user.email],
    )


def _promote_waitlisted(event: Event, now: datetime) -> None:
    """Fill free seats from the waiting list in order, skipping people whose group quota is used up."""
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).select_related("user")
    for candidate in waiting.order_by("registered_at", "pk"):
        refusal = seat_refusal(event, candidate.stakeholder_kind)
        if refusal == "full":
            return
        if refusal is None:
            _offer_or_confirm(event, candidate, now)
