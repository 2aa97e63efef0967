"""Registrations: opening, seats, waiting list, roles; the calendar feed token."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from saphire.mail import email_queue
from saphire.page_cache import EVENTS, changes
from workshops.models import (
    Event,
    Registration,
)
from workshops.services._common import _has_seat, _promote_waitlisted, _when, event_url

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
        if status == Registration.Status.CONFIRMED:
            subject = _("Registered: %(title)s") % {"title": event.title}
            body = _("Your place at “%(title)s” on %(when)s is confirmed.\n\n%(url)s")
        else:
            subject = _("Waiting list: %(title)s") % {"title": event.title}
            body = _(
                "“%(title)s” on %(when)s is full; you are on the waiting list and will be emailed if a seat frees up."
                "\n\n%(url)s"
            )
        email_queue(
            subject=subject,
            body=body % {"title": event.title, "when": _when(event), "url": event_url(event)},
            recipients=[user.email],
        )
    return registration


@changes(EVENTS)
def registration_cancel(*, registration: Registration, now: datetime | None = None) -> Registration:
    """Cancel a registration; a freed seat goes to the first on the waiting list whose quota allows."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed and event.status == Event.Status.CONFIRMED:
            _promote_waitlisted(event, now)
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
