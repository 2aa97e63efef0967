"""Reads of the events app, scoped to what the user may see."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from mapping.analytics import region_unanswered_themes
from mapping.models import Finding, Theme
from saphire import roles
from workshops.filters import EventFilter
from workshops.models import Event, RegionPriority, Registration, VoteOption, VotingRound
from workshops.timezones import zone


def event_visible(*, user: User | AnonymousUser) -> QuerySet[Event]:
    """Coordinators see every event; others the public ones (confirmed once) and those they registered for."""
    events = Event.objects.all()
    if roles.is_coordinator(user):
        return events
    public = Event.public_q()
    if user.is_authenticated:
        mine = Registration.objects.filter(event=OuterRef("pk"), user=user)
        return events.filter(public | Q(Exists(mine)))
    return events.filter(public)


def count_of(status: str) -> Coalesce:
    """A correlated count, computed only for the rows a page shows (a join would aggregate every match)."""
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def event_list(*, user: User | AnonymousUser, filters: dict | None = None, with_counts: bool = True) -> QuerySet[Event]:
    events = event_visible(user=user).prefetch_related("host_regions").defer("minutes")
    if with_counts:
        events = events.annotate(confirmed_count=count_of(Registration.Status.CONFIRMED))
    return EventFilter(filters or {}, queryset=events).qs


def event_detail(*, user: User | AnonymousUser, pk: int) -> Event | None:
    return (
        event_visible(user=user)
        .prefetch_related("host_regions", "coordinators", "agenda_items", "quotas", "attachments")
        .annotate(
            confirmed_count=count_of(Registration.Status.CONFIRMED),
            waitlisted_count=count_of(Registration.Status.WAITLISTED),
        )
        .filter(pk=pk)
        .first()
    )


def event_participants(*, event: Event) -> QuerySet[Registration]:
    """Active registrations (confirmed first, then the waiting list in order)."""
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "registered_at", "pk")
    )


def registration_for(*, event: Event, user: User | AnonymousUser) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waitlist_position(*, registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=Registration.Status.WAITLISTED,
    ).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_list(*, user: User) -> QuerySet[Registration]:
    return Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at")


def feed_events(*, user: User) -> QuerySet[Event]:
    """Events `user` is registered for (not cancelled) or coordinates, newest plans included.

    Each carries `online_link_visible`: whether the personal feed may show its meeting link
    (the rule of `permissions.can_see_online_link`, computed in the query for the whole feed).
    """
    registered = Registration.objects.filter(
        event=OuterRef("pk"), user=user, status__in=(Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    )
    confirmed = Registration.objects.filter(event=OuterRef("pk"), user=user, status=Registration.Status.CONFIRMED)
    link_visible = Value(True) if roles.is_coordinator(user) else Exists(confirmed)
    return (
        Event.objects.filter(Q(Exists(registered)) | Q(coordinators=user))
        .distinct()
        .annotate(online_link_visible=link_visible)
        .prefetch_related("host_regions")
        .order_by("starts_at")
    )


def region_priorities(*, region_id: int) -> list[RegionPriority]:
    """The region's priorities from its latest decided round, ranked."""
    latest = RegionPriority.objects.filter(region_id=region_id).order_by("-decided_at").values("decided_at")[:1]
    return list(
        RegionPriority.objects.filter(region_id=region_id, decided_at=latest).select_related("theme").order_by("rank")
    )


@dataclass
class AgendaTopics:
    findings: list[Finding] = field(default_factory=list)
    unanswered_themes: list[Theme] = field(default_factory=list)


def site_visit_topics(*, event: Event) -> AgendaTopics:
    """What the mapping found for the host regions: confirmed gaps and barriers, and unanswered themes."""
    region_ids = [r.pk for r in event.host_regions.all()]
    findings = list(
        Finding.objects.filter(
            region_id__in=region_ids,
            status=Finding.Status.CONFIRMED,
            kind__in=(Finding.Kind.GAP, Finding.Kind.BARRIER),
        )
        .select_related("theme", "region")
        .order_by("-severity", "theme__order", "title")
    )
    themes: list[Theme] = []
    seen = set()
    for region_id in region_ids:
        for theme in region_unanswered_themes(region_id=region_id):
            if theme.pk not in seen:
                seen.add(theme.pk)
                themes.append(theme)
    return AgendaTopics(findings=findings, unanswered_themes=themes)


def region_findings_for_vote(*, event: Event) -> list[Finding]:
    region_ids = [r.pk for r in event.host_regions.all()]
    return list(
        Finding.objects.filter(region_id__in=region_ids, kind__in=(Finding.Kind.BARRIER, Finding.Kind.GAP))
        .exclude(status=Finding.Status.DISMISSED)
        .select_related("region", "theme")
        .order_by("region__code", "-severity", "title")
    )


def event_rounds_with_rankings(*, event: Event) -> tuple[list[VotingRound], dict[int, list[VoteOption]]]:
    """The event's rounds and, per round, its options with `total` votes, most first (two queries)."""
    rounds = list(event.voting_rounds.select_related("region"))
    options = (
        VoteOption.objects.filter(voting_round__event=event)
        .annotate(total=Sum("votes__count", default=0))
        .order_by("voting_round_id", "-total", "order", "pk")
    )
    rankings: dict[int, list[VoteOption]] = {r.pk: [] for r in rounds}
    for option in options:
        rankings.setdefault(option.voting_round_id, []).append(option)
    return rounds, rankings


def voting_round_detail(*, event: Event, pk: int) -> VotingRound | None:
    return (
        VotingRound.objects.filter(event=event, pk=pk)
        .select_related("region", "event")
        .prefetch_related(Prefetch("options"))
        .first()
    )


@dataclass
class MonthGrid:
    month: date
    weeks: list[list[dict]]
    previous: date
    next: date


def month_grid(*, events: list[Event], month: date, tz_name: str) -> MonthGrid:
    """A Monday-first grid of the month with each day's events (by start in `tz_name`)."""
    tz = zone(tz_name)
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.starts_at.astimezone(tz).date(), []).append(event)
    today = timezone.now().astimezone(tz).date()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == month.month,
                    "today": day == today,
                    "events": by_day.get(day, []),
                }
                for day in week
            ]
        )
    previous = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return MonthGrid(month=month, weeks=weeks, previous=previous, next=following)


def month_bounds(*, month: date, tz_name: str) -> tuple[datetime, datetime]:
    """The UTC instants bounding the grid of `month` (whole weeks) in `tz_name`."""
    tz = zone(tz_name)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    first, last = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    return (
        datetime(first.year, first.month, first.day, tzinfo=tz),
        datetime(last.year, last.month, last.day, tzinfo=tz),
    )
