"""Writes of the events app: every state change goes through these functions."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Finding, Theme
from mapping.services import finding_create
from regions.models import Region
from saphire.mail import email_queue
from saphire.page_cache import EVENTS, changes
from workshops import timezones
from workshops.models import (
    AgendaItem,
    Attachment,
    Ballot,
    Event,
    EventFinding,
    Feedback,
    RegionPriority,
    Registration,
    ReminderSent,
    SeatQuota,
    Vote,
    VoteOption,
    VotingRound,
)

ACTIVE_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)

# Attachments: what a browser and a regional office can open, and not more than this.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg", "jpeg", "csv", "txt", "md"}


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


def _when(event: Event) -> str:
    local = event.starts_at.astimezone(timezones.zone(event.timezone))
    return f"{local:%Y-%m-%d %H:%M} {event.timezone}"


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
    if moved and event.status != Event.Status.PLANNED:
        _email_registrants(
            event,
            subject=_("Moved: %(title)s") % {"title": event.title},
            body=_("“%(title)s” has moved. It now takes place on %(when)s.\n\n%(url)s")
            % {"title": event.title, "when": _when(event), "url": event_url(event)},
        )
    return event


def event_url(event: Event) -> str:
    return f"{settings.SITE_URL}/events/{event.pk}/"


def _email_registrants(event: Event, *, subject: str, body: str) -> None:
    emails = list(
        event.registrations.filter(status__in=ACTIVE_STATUSES)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    for email in emails:
        email_queue(subject=subject, body=body, recipients=[email])


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
    return event


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
    """Cancel with a reason and email every registrant (confirmed and waiting)."""
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
    _email_registrants(
        event,
        subject=_("Cancelled: %(title)s") % {"title": event.title},
        body=_("“%(title)s” (%(when)s) is cancelled.\n\nReason: %(reason)s")
        % {"title": event.title, "when": _when(event), "reason": reason},
    )
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


def _has_seat(event: Event, stakeholder_kind: str) -> bool:
    """Whether one more confirmed registration fits; the caller holds the event row lock."""
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    counts = confirmed.aggregate(total=Count("pk"), kind=Count("pk", filter=Q(stakeholder_kind=stakeholder_kind)))
    if counts["total"] >= event.capacity:
        return False
    quota = SeatQuota.objects.filter(event=event, stakeholder_kind=stakeholder_kind).first()
    return quota is None or counts["kind"] < quota.seats


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


@changes(EVENTS)
@transaction.atomic
def registration_set_role(*, registration: Registration, role: str) -> Registration:
    if role not in Registration.Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    registration.role = role
    registration.save(update_fields=["role"])
    return registration


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


# Outcomes ----------------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(*, event: Event, user: User, rating: int, useful: str = "", improve: str = "") -> Feedback:
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": [_("Rate from 1 to 5.")]})
    feedback, _created = Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": rating, "useful": useful, "improve": improve}
    )
    return feedback


@changes(EVENTS)
@transaction.atomic
def minutes_update(*, event: Event, minutes: str, by: User) -> Event:
    event.minutes = minutes
    event.save(update_fields=["minutes", "updated_at"])
    return event


def attachment_validate(*, name: str, size: int) -> None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {
                "file": [
                    _("Files of type “.%(ext)s” are not accepted. Use one of: %(allowed)s.")
                    % {"ext": extension or "?", "allowed": ", ".join(sorted(ATTACHMENT_EXTENSIONS))}
                ]
            }
        )
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": [
                    _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                    % {"size": size / 1024 / 1024, "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024}
                ]
            }
        )
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})


@changes(EVENTS)
@transaction.atomic
def attachment_add(*, event: Event, title: str, file, by: User) -> Attachment:
    attachment_validate(name=file.name, size=file.size)
    return Attachment.objects.create(
        event=event, title=title.strip() or file.name, file=file, size=file.size, uploaded_by=by
    )


@changes(EVENTS)
@transaction.atomic
def event_finding_record(
    *,
    event: Event,
    region: Region,
    theme: Theme,
    kind: str,
    severity: int,
    title: str,
    description: str = "",
    by: User,
) -> Finding:
    """A finding made at the event: a mapping Finding (source workshop) linked to the event."""
    if not event.host_regions.filter(pk=region.pk).exists():
        raise ValidationError({"region": [_("Choose one of the event's host regions.")]})
    values = {
        "region": region,
        "theme": theme,
        "kind": kind,
        "severity": severity,
        "title": title,
        "description": description,
        "evidence": _("Recorded at “%(title)s” (%(date)s).") % {"title": event.title, "date": _when(event)},
        "source": Finding.Source.WORKSHOP,
        "status": Finding.Status.CONFIRMED,
        "created_by": by,
    }
    finding = finding_create(**values)
    EventFinding.objects.create(event=event, finding=finding)
    return finding


# Live prioritisation --------------------------------------------------------------------------------


@changes(EVENTS)
@transaction.atomic
def voting_round_open(
    *,
    event: Event,
    region: Region,
    title: str,
    votes_per_participant: int,
    findings: list[Finding] | None = None,
    labels: list[str] | None = None,
    by: User,
) -> VotingRound:
    errors = {}
    if not event.host_regions.filter(pk=region.pk).exists():
        errors["region"] = [_("Choose one of the event's host regions.")]
    if not title.strip():
        errors["title"] = [_("Give the round a question.")]
    if votes_per_participant < 1:
        errors["votes_per_participant"] = [_("Each participant needs at least one vote.")]
    options: list[tuple[str, Finding | None]] = [(f.title, f) for f in findings or []]
    options += [(label.strip(), None) for label in labels or [] if label.strip()]
    seen, unique = set(), []
    for label, finding in options:
        if label.lower() not in seen:
            seen.add(label.lower())
            unique.append((label[:200], finding))
    if len(unique) < 2:
        errors["labels"] = [_("A vote needs at least two barriers to choose from.")]
    if errors:
        raise ValidationError(errors)
    voting_round = VotingRound.objects.create(
        event=event, region=region, title=title.strip(), votes_per_participant=votes_per_participant, opened_by=by
    )
    VoteOption.objects.bulk_create(
        VoteOption(
            voting_round=voting_round,
            label=label,
            finding=finding,
            theme_id=finding.theme_id if finding else None,
            order=index,
        )
        for index, (label, finding) in enumerate(unique)
    )
    return voting_round


def ballot_submit(*, voting_round: VotingRound, user: User, allocations: dict[int, int]) -> Ballot:
    """Replace `user`'s allocation in the round; resubmitting the same form counts once.

    The ballot row is locked, so concurrent submits by the same person apply one after the other and
    the last one stands; a unique (round, user) keeps a participant to one ballot.
    """
    allocations = {int(k): int(v) for k, v in allocations.items() if int(v or 0) != 0}
    if any(v < 0 for v in allocations.values()):
        raise ValidationError({"votes": [_("Votes cannot be negative.")]})
    total = sum(allocations.values())
    if total > voting_round.votes_per_participant:
        raise ValidationError(
            {
                "votes": [
                    _("You gave %(total)d votes; you have %(max)d to spread.")
                    % {"total": total, "max": voting_round.votes_per_participant}
                ]
            }
        )
    valid = set(voting_round.options.values_list("pk", flat=True))
    if set(allocations) - valid:
        raise ValidationError({"votes": [_("One of the barriers is not part of this round.")]})
    with transaction.atomic():
        current = VotingRound.objects.select_for_update(of=("self",)).get(pk=voting_round.pk)
        if current.status != VotingRound.Status.OPEN:
            raise ValidationError(_("This round is closed."))
        ballot, _created = Ballot.objects.get_or_create(voting_round=current, user=user)
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        ballot.votes.all().delete()
        Vote.objects.bulk_create(Vote(ballot=ballot, option_id=k, count=v) for k, v in allocations.items())
        ballot.save(update_fields=["submitted_at"])
    return ballot


def round_ranking(*, voting_round: VotingRound) -> list[VoteOption]:
    """Options with `total` votes, most votes first (ties in the order they were listed)."""
    return list(voting_round.options.annotate(total=Sum("votes__count", default=0)).order_by("-total", "order", "pk"))


@changes(EVENTS)
@transaction.atomic
def voting_round_close(*, voting_round: VotingRound, by: User, now: datetime | None = None) -> list[RegionPriority]:
    """Close the round and save its ranking as the region's priorities (options with votes)."""
    voting_round = VotingRound.objects.select_for_update().select_related("event").get(pk=voting_round.pk)
    if voting_round.status != VotingRound.Status.OPEN:
        raise ValidationError(_("This round is already closed."))
    now = now or timezone.now()
    voting_round.status = VotingRound.Status.CLOSED
    voting_round.closed_at = now
    voting_round.save(update_fields=["status", "closed_at"])
    ranked = [option for option in round_ranking(voting_round=voting_round) if option.total > 0]
    return RegionPriority.objects.bulk_create(
        RegionPriority(
            region_id=voting_round.region_id,
            theme_id=option.theme_id,
            label=option.label,
            rank=rank,
            votes=option.total,
            decided_at=now,
            source_title=voting_round.event.title,
            voting_round=voting_round,
        )
        for rank, option in enumerate(ranked, start=1)
    )


def feed_token_reset(*, user: User) -> str:
    import secrets

    user.feed_token = secrets.token_urlsafe()
    user.save(update_fields=["feed_token"])
    return user.feed_token
