"""Events: create, validate against conflicts, confirm, hold, cancel; agenda and seat quotas."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Finding, Theme
from notifications import kinds
from notifications import services as notifications
from regions.models import Region
from saphire.page_cache import EVENTS, changes
from workshops import timezones
from workshops.models import (
    AgendaItem,
    Event,
    SeatQuota,
)
from workshops.services import notices
from workshops.services._common import _promote_waitlisted, _when

# Events ---------------------------------------------------------------------------------------


@dataclass
class Conflict:
    other: Event
    reason: str


class EventConflictError(ValidationError):
    """Overlaps found on save; `overridable` when only webinars are involved."""

    def __init__(self, conflicts: list[Conflict], overridable: bool):
        self.conflicts = conflicts
        self.overridable = overridable
        messages = [conflict.reason for conflict in conflicts]
        if overridable:
            messages.append(_("This is a webinar: tick “save despite the overlap” to keep it anyway."))
        super().__init__({"__all__": messages})


def event_conflicts(
    *,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    coordinator_ids: list[int],
    region_ids: list[int],
    exclude_id: int | None = None,
) -> list[Conflict]:
    """Events that overlap in time and share a coordinator, or are site visits to the same region."""
    overlapping = Event.objects.exclude(status=Event.Status.CANCELLED).filter(
        starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_id:
        overlapping = overlapping.exclude(pk=exclude_id)
    conflicts: list[Conflict] = []
    if coordinator_ids:
        shared = overlapping.filter(coordinators__in=coordinator_ids).prefetch_related("coordinators").distinct()
        for other in shared:
            names = ", ".join(sorted(c.get_username() for c in other.coordinators.all() if c.pk in coordinator_ids))
            conflicts.append(
                Conflict(
                    other,
                    _("%(names)s already coordinates “%(title)s” (%(when)s), which overlaps.")
                    % {"names": names, "title": other.title, "when": _when(other)},
                )
            )
    if kind == Event.Kind.SITE_VISIT and region_ids:
        visits = overlapping.filter(kind=Event.Kind.SITE_VISIT, host_regions__in=region_ids).distinct()
        for other in visits:
            conflicts.append(
                Conflict(
                    other,
                    _("The host region already has the site visit “%(title)s” (%(when)s) at that time.")
                    % {"title": other.title, "when": _when(other)},
                )
            )
    return conflicts


def _overridable(kind: str, conflicts: list[Conflict]) -> bool:
    kinds = {kind, *(c.other.kind for c in conflicts)}
    return Event.Kind.WEBINAR in kinds and Event.Kind.SITE_VISIT not in kinds


def event_validate(
    *,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    timezone_name: str,
    capacity: int | None,
    registration_opens_at: datetime | None,
    registration_deadline: datetime | None,
    venue: str,
    online_url: str,
) -> None:
    errors: dict[str, list[str]] = {}
    try:
        timezones.zone(timezone_name)
    except ValidationError as exc:
        errors["timezone"] = exc.messages
    if ends_at <= starts_at:
        errors.setdefault("ends_at", []).append(_("The event must end after it starts."))
    if capacity is None or capacity < 1:
        errors.setdefault("capacity", []).append(_("Capacity must be at least 1 seat."))
    if registration_deadline and registration_deadline > starts_at:
        errors.setdefault("registration_deadline", []).append(
            _("The registration deadline must be before the event starts.")
        )
    if registration_opens_at and registration_deadline and registration_opens_at >= registration_deadline:
        errors.setdefault("registration_opens_at", []).append(_("Registration must open before its deadline."))
    if kind == Event.Kind.WEBINAR and not online_url:
        errors.setdefault("online_url", []).append(_("A webinar needs an online link."))
    if kind == Event.Kind.SITE_VISIT and not venue:
        errors.setdefault("venue", []).append(_("A site visit needs a venue address."))
    if errors:
        raise ValidationError(errors)


EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "timezone",
    "venue",
    "online_url",
    "capacity",
    "registration_opens_at",
    "registration_deadline",
    "reminder_lead",
    "offer_hours",
)


def _check_event(
    *, fields: dict, host_regions: list[Region], coordinators: list[User], exclude_id, override_conflicts: bool
) -> None:
    event_validate(
        kind=fields["kind"],
        starts_at=fields["starts_at"],
        ends_at=fields["ends_at"],
        timezone_name=fields["timezone"],
        capacity=fields["capacity"],
        registration_opens_at=fields.get("registration_opens_at"),
        registration_deadline=fields.get("registration_deadline"),
        venue=fields.get("venue", ""),
        online_url=fields.get("online_url", ""),
    )
    if not host_regions:
        raise ValidationError({"host_regions": [_("Choose at least one host region.")]})
    conflicts = event_conflicts(
        kind=fields["kind"],
        starts_at=fields["starts_at"],
        ends_at=fields["ends_at"],
        coordinator_ids=[c.pk for c in coordinators],
        region_ids=[r.pk for r in host_regions],
        exclude_id=exclude_id,
    )
    if conflicts:
        overridable = _overridable(fields["kind"], conflicts)
        if not (overridable and override_conflicts):
            raise EventConflictError(conflicts, overridable)


@changes(EVENTS)
@transaction.atomic
def event_create(
    *,
    created_by: User,
    host_regions: list[Region],
    coordinators: list[User] | None = None,
    override_conflicts: bool = False,
    **fields,
) -> Event:
    """Create a planned event; `fields` are Event fields (times aware, in UTC or any zone)."""
    fields = {k: v for k, v in fields.items() if k in EVENT_FIELDS}
    fields.setdefault("kind", Event.Kind.WORKSHOP)
    fields.setdefault("timezone", settings.TIME_ZONE)
    coordinators = list(coordinators or [])
    if created_by not in coordinators:
        coordinators.append(created_by)
    _check_event(
        fields=fields,
        host_regions=host_regions,
        coordinators=coordinators,
        exclude_id=None,
        override_conflicts=override_conflicts,
    )
    event = Event.objects.create(created_by=created_by, **fields)
    event.host_regions.set(host_regions)
    event.coordinators.set(coordinators)
    return event


@changes(EVENTS)
@transaction.atomic
def event_update(
    *,
    event: Event,
    by: User,
    host_regions: list[Region] | None = None,
    coordinators: list[User] | None = None,
    override_conflicts: bool = False,
    **fields,
) -> Event:
    """Change an event; a move in time raises the iCalendar SEQUENCE and tells the registrants."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be changed."))
    current = {name: getattr(event, name) for name in EVENT_FIELDS}
    new = {**current, **{k: v for k, v in fields.items() if k in EVENT_FIELDS}}
    regions = list(host_regions) if host_regions is not None else list(event.host_regions.all())
    people = list(coordinators) if coordinators is not None else list(event.coordinators.all())
    _check_event(
        fields=new,
        host_regions=regions,
        coordinators=people,
        exclude_id=event.pk,
        override_conflicts=override_conflicts,
    )
    moved = new["starts_at"] != event.starts_at or new["ends_at"] != event.ends_at
    changed = moved or any(new[k] != current[k] for k in ("title", "venue", "online_url", "description", "timezone"))
    for name, value in new.items():
        setattr(event, name, value)
    if changed:
        event.sequence += 1
    event.save()
    if host_regions is not None:
        event.host_regions.set(regions)
    if coordinators is not None:
        event.coordinators.set(people)
    if event.capacity > current["capacity"] and event.status == Event.Status.CONFIRMED:
        _promote_waitlisted(event, timezone.now())
    if changed and event.status != Event.Status.PLANNED:
        notices.calendar_update_queue(event=event, change=notices.MOVED if moved else notices.CHANGED)
    return event


@changes(EVENTS)
@transaction.atomic
def event_confirm(*, event: Event, by: User) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PLANNED:
        raise ValidationError(_("Only a planned event can be confirmed."))
    event.status = Event.Status.CONFIRMED
    event.confirmed_at = timezone.now()
    event.sequence += 1
    event.save(update_fields=["status", "confirmed_at", "sequence", "updated_at"])
    _announce(event, by=by)
    return event


def _announce(event: Event, *, by: User | None) -> None:
    """Tell the followers of the host regions, once each however many of them they follow."""
    recipients: set[int] = set()
    for region in event.host_regions.all():
        recipients.update(notifications.followers(region).values_list("pk", flat=True))
    notifications.notify_users(recipients, kinds.EVENT_ANNOUNCED, about=event, actor=by)


@changes(EVENTS)
@transaction.atomic
def event_mark_held(*, event: Event, by: User, now: datetime | None = None) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed event can be marked as held."))
    if event.starts_at > (now or timezone.now()):
        raise ValidationError(_("The event has not started yet."))
    event.status = Event.Status.HELD
    event.save(update_fields=["status", "updated_at"])
    return event


@changes(EVENTS)
@transaction.atomic
def event_cancel(*, event: Event, reason: str, by: User) -> Event:
    """Cancel with a reason; every registrant (confirmed and waiting) is emailed a METHOD:CANCEL calendar file."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the event is cancelled; the registrants will read it.")]})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (Event.Status.CANCELLED, Event.Status.HELD):
        raise ValidationError(_("This event is already %(status)s.") % {"status": event.get_status_display().lower()})
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason
    event.sequence += 1
    event.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    notices.calendar_update_queue(event=event, change=notices.CANCELLED)
    return event


@changes(EVENTS)
@transaction.atomic
def agenda_item_add(
    *,
    event: Event,
    starts_at: datetime,
    title: str,
    ends_at: datetime | None = None,
    speakers: str = "",
    theme: Theme | None = None,
    finding: Finding | None = None,
) -> AgendaItem:
    errors = {}
    if not title.strip():
        errors["title"] = [_("Give the agenda item a title.")]
    if ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The item must end after it starts.")]
    if starts_at < event.starts_at or (ends_at or starts_at) > event.ends_at:
        errors["starts_at"] = [_("The item must lie within the event's time.")]
    if errors:
        raise ValidationError(errors)
    return AgendaItem.objects.create(
        event=event,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title.strip(),
        speakers=speakers,
        theme=theme,
        finding=finding,
    )


@changes(EVENTS)
def agenda_item_delete(*, item: AgendaItem) -> None:
    item.delete()


@changes(EVENTS)
@transaction.atomic
def quota_set(*, event: Event, stakeholder_kind: str, seats: int | None) -> None:
    """Set or (with None/0) remove the seat quota of one stakeholder kind."""
    if not seats:
        SeatQuota.objects.filter(event=event, stakeholder_kind=stakeholder_kind).delete()
        return
    if seats > event.capacity:
        raise ValidationError({"seats": [_("A quota cannot exceed the capacity (%(n)s).") % {"n": event.capacity}]})
    SeatQuota.objects.update_or_create(event=event, stakeholder_kind=stakeholder_kind, defaults={"seats": seats})
