"""Registrations: opening, seats, waiting list, roles; the calendar feed token."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from saphire.mail import email_queue
from saphire.page_cache import EVENTS, changes
from workshops import selectors
from workshops.models import (
    Event,
    Registration,
)
from workshops.services._common import (
    _has_seat,
    _in_language,
    _mail_seat,
    _promote_waitlisted,
    _when,
    event_url,
    waitlist_message,
)

# Registrations --------------------------------------------------------------------------------


def registration_open_error(event: Event, now: datetime) -> str | None:
    """Why `event` takes no registrations at `now`, or None when it does."""
    if event.status != Event.Status.CONFIRMED:
        return _("Registration opens once the event is confirmed.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration has not opened yet.")
    if now >= event.registration_closes_at:
        return _("Registration is closed: the deadline has passed.")
    return None


@changes(EVENTS)
def registration_create(
    *,
    event: Event,
    user: User,
    role: str = Registration.Role.PARTICIPANT,
    stakeholder_kind: str = "other",
    organisation: str = "",
    now: datetime | None = None,
) -> Registration:
    """Register `user`: a seat if one is free (within the kind's quota), else the waiting list.

    The event row is locked, so two people asking for the last seat at once get it one after the other.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        error = registration_open_error(event, now)
        if error:
            raise ValidationError(error)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration and registration.status != Registration.Status.CANCELLED:
            raise ValidationError(_("You are already registered for this event."))
        status = Registration.Status.CONFIRMED if _has_seat(event, stakeholder_kind) else Registration.Status.WAITLISTED
        registration = registration or Registration(event=event, user=user)
        registration.role = role
        registration.stakeholder_kind = stakeholder_kind
        registration.organisation = organisation
        registration.status = status
        registration.registered_at = now
        registration.promoted_at = None
        registration.cancelled_at = None
        registration.save()
        _in_language(user, _mail_registered, event, registration)
    return registration


def _mail_registered(event: Event, registration: Registration) -> None:
    params = {"title": event.title, "when": _when(event), "url": event_url(event)}
    if registration.status == Registration.Status.CONFIRMED:
        subject = _("Registered: %(title)s") % params
        body = _("Your place at “%(title)s” on %(when)s is confirmed.\n\n%(url)s") % params
    else:
        subject = _("Waiting list: %(title)s") % params
        why = waitlist_message(event, registration, selectors.waitlist_position(registration=registration))
        body = _("“%(title)s” on %(when)s: %(why)s We email you if a seat frees up.\n\n%(url)s") % {
            **params,
            "why": why,
        }
    email_queue(subject=subject, body=body, recipients=[registration.user.email])


@changes(EVENTS)
def registration_cancel(*, registration: Registration, now: datetime | None = None) -> Registration:
    """Cancel a registration; a freed seat goes to the first on the waiting list whose quota allows."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        held_seat = registration.status in Registration.SEAT_STATUSES
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
        if held_seat and event.status == Event.Status.CONFIRMED:
            _promote_waitlisted(event, now)
    return registration


@changes(EVENTS)
def offer_accept(*, registration: Registration, now: datetime | None = None) -> Registration:
    """Take up an offered seat before it lapses."""
    now = now or timezone.now()
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
        if registration.status != Registration.Status.OFFERED:
            raise ValidationError(_("There is no seat offered to you for this event."))
        if registration.offer_expires_at and registration.offer_expires_at <= now:
            raise ValidationError(_("The offer has lapsed: the seat went to the next person waiting."))
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "promoted_at", "offer_expires_at"])
        _in_language(registration.user, _mail_seat, registration.event, registration)
    return registration


@changes(EVENTS)
def offers_expire(*, now: datetime | None = None) -> int:
    """Lapse every offer past its time: the person goes back to the end of the waiting list and the seat
    goes to the next one. Returns how many lapsed; a second run finds nothing to do."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(status=Registration.Status.OFFERED, offer_expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    lapsed = 0
    for event_id in event_ids:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            due = list(
                Registration.objects.filter(
                    event=event, status=Registration.Status.OFFERED, offer_expires_at__lte=now
                ).select_related("user")
            )
            for registration in due:
                registration.status = Registration.Status.WAITLISTED
                registration.offer_expires_at = None
                # Behind everyone who waited: the next person gets their turn.
                registration.registered_at = now
                registration.save(update_fields=["status", "offer_expires_at", "registered_at"])
                _in_language(registration.user, _mail_lapsed, event, registration)
            lapsed += len(due)
            if event.status == Event.Status.CONFIRMED:
                _promote_waitlisted(event, now)
    return lapsed


def _mail_lapsed(event: Event, registration: Registration) -> None:
    email_queue(
        subject=_("Seat offer lapsed: %(title)s") % {"title": event.title},
        body=_(
            "The seat offered to you at “%(title)s” was not accepted in time and went to the next person. "
            "You are back on the waiting list.\n\n%(url)s"
        )
        % {"title": event.title, "url": event_url(event)},
        recipients=[registration.user.email],
    )


@changes(EVENTS)
def registration_promote(*, registration: Registration, by: User, now: datetime | None = None) -> Registration:
    """A coordinator gives a waiting or offered person a seat by hand, past the group quota if need be,
    but never past the capacity."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        if registration.status not in (Registration.Status.WAITLISTED, Registration.Status.OFFERED):
            raise ValidationError(_("Only someone on the waiting list can be given a seat."))
        if registration.status == Registration.Status.WAITLISTED and selectors.seat_refusal(event, "") == "full":
            raise ValidationError(_("Every seat is taken: raise the capacity first."))
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "promoted_at", "offer_expires_at"])
        _in_language(registration.user, _mail_seat, event, registration)
    return registration


@changes(EVENTS)
@transaction.atomic
def registration_set_role(*, registration: Registration, role: str) -> Registration:
    if role not in Registration.Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    registration.role = role
    registration.save(update_fields=["role"])
    return registration


def feed_token_reset(*, user: User) -> str:
    import secrets

    user.feed_token = secrets.token_urlsafe()
    user.save(update_fields=["feed_token"])
    return user.feed_token
