"""Helpers shared by the areas: how an event is named in mail, seats and waiting-list promotion."""

from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from saphire.mail import email_queue
from workshops import timezones
from workshops.models import (
    Event,
    Registration,
    SeatQuota,
)


def _when(event: Event) -> str:
    local = event.starts_at.astimezone(timezones.zone(event.timezone))
    return f"{local:%Y-%m-%d %H:%M} {event.timezone}"


def event_url(event: Event) -> str:
    return f"{settings.SITE_URL}/events/{event.pk}/"


def _has_seat(event: Event, stakeholder_kind: str) -> bool:
    """Whether one more confirmed registration fits; the caller holds the event row lock."""
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    counts = confirmed.aggregate(total=Count("pk"), kind=Count("pk", filter=Q(stakeholder_kind=stakeholder_kind)))
    if counts["total"] >= event.capacity:
        return False
    quota = SeatQuota.objects.filter(event=event, stakeholder_kind=stakeholder_kind).first()
    return quota is None or counts["kind"] < quota.seats


def _promote_waitlisted(event: Event, now: datetime) -> None:
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).select_related("user")
    for candidate in waiting.order_by("registered_at", "pk"):
        if Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() >= event.capacity:
            return
        if not _has_seat(event, candidate.stakeholder_kind):
            continue
        candidate.status = Registration.Status.CONFIRMED
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "promoted_at"])
        email_queue(
            subject=_("A seat is yours: %(title)s") % {"title": event.title},
            body=_("A seat came free at “%(title)s” on %(when)s, and it is now yours.\n\n%(url)s")
            % {"title": event.title, "when": _when(event), "url": event_url(event)},
            recipients=[candidate.user.email],
        )
