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
from workshops.models import (
    Ballot,
    Event,
    FeedbackAnswer,
    FeedbackQuestion,
    RegionPriority,
    Registration,
    SeatQuota,
    Vote,
    VoteOption,
    VotingRound,
)
from workshops.timezones import zone

ACTIVE_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.OFFERED, Registration.Status.WAITLISTED)


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


def count_of(*statuses: str) -> Coalesce:
    """A correlated count, computed only for the rows a page shows (a join would aggregate every match)."""
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def event_list(*, user: User | AnonymousUser, filters: dict | None = None, with_counts: bool = True) -> QuerySet[Event]:
    events = event_visible(user=user).prefetch_related("host_regions").defer("minutes")
    if with_counts:
        events = events.annotate(confirmed_count=count_of(*Registration.SEAT_STATUSES))
    return EventFilter(filters or {}, queryset=events).qs


def event_detail(*, user: User | AnonymousUser, pk: int) -> Event | None:
    return (
        event_visible(user=user)
        .prefetch_related("host_regions", "coordinators", "agenda_items", "quotas", "attachments")
        .annotate(
            confirmed_count=count_of(*Registration.SEAT_STATUSES),
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


def event_rounds(*, event: Event) -> list[VotingRound]:
    return list(event.voting_rounds.select_related("region"))


def event_findings(*, event: Event) -> list:
    """The findings recorded at the event, with their theme and region."""
    return list(event.event_findings.select_related("finding__theme", "finding__region"))


def check_in_list(*, event: Event, query: str = "") -> QuerySet[Registration]:
    """Confirmed participants by name, for the door; `query` narrows by name, username or organisation."""
    registrations = event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("user")
    if query:
        registrations = registrations.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__username__icontains=query)
            | Q(organisation__icontains=query)
        )
    return registrations.order_by("user__last_name", "user__first_name", "user__username", "pk")


def attendance(*, event: Event) -> dict:
    """How many confirmed participants came, in one query."""
    counts = event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
        confirmed=Count("pk"), attended=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    return counts


def event_message_log(*, event: Event) -> QuerySet:
    return event.messages.select_related("sent_by").order_by("-created_at")


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


def seat_refusal(event: Event, stakeholder_kind: str) -> str | None:
    """ "full", "quota" (the seats of that stakeholder kind are taken) or None when one more seat fits.

    Offered seats count as taken: they are held for someone until the offer lapses.
    """
    taken = Registration.objects.filter(event=event, status__in=Registration.SEAT_STATUSES)
    counts = taken.aggregate(total=Count("pk"), kind=Count("pk", filter=Q(stakeholder_kind=stakeholder_kind)))
    if counts["total"] >= event.capacity:
        return "full"
    quota = SeatQuota.objects.filter(event=event, stakeholder_kind=stakeholder_kind).first()
    if quota is not None and counts["kind"] >= quota.seats:
        return "quota"
    return None


def registration_list(*, user: User) -> QuerySet[Registration]:
    return Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at")


def feed_events(*, user: User) -> QuerySet[Event]:
    """Events `user` is registered for (not cancelled) or coordinates, newest plans included.

    Each carries `online_link_visible`: whether the personal feed may show its meeting link
    (the rule of `permissions.can_see_online_link`, computed in the query for the whole feed).
    """
    registered = Registration.objects.filter(event=OuterRef("pk"), user=user, status__in=ACTIVE_STATUSES)
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


def agenda_topics(*, event: Event) -> AgendaTopics:
    """What the mapping found for the host regions: confirmed gaps and barriers, and the themes their latest
    accepted answers leave open (a response still being filled in or reviewed says nothing yet)."""
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


def findings_to_settle(*, event: Event) -> list[Finding]:
    """The host regions' gaps and barriers an event can confirm or close: suggested and confirmed ones."""
    return list(
        Finding.objects.filter(
            region__in=event.host_regions.all(),
            kind__in=(Finding.Kind.GAP, Finding.Kind.BARRIER),
            status__in=(Finding.Status.SUGGESTED, Finding.Status.CONFIRMED),
        )
        .select_related("region", "theme")
        .order_by("region__code", "-severity", "title")
    )


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


def round_ranking(*, voting_round: VotingRound) -> list[VoteOption]:
    """Options with `total` votes, most votes first (ties in the order they were listed)."""
    return list(voting_round.options.annotate(total=Sum("votes__count", default=0)).order_by("-total", "order", "pk"))


def rounds_voted_in(*, user: User | AnonymousUser, event: Event) -> set[int]:
    """Ids of the event's rounds where `user` has cast a ballot."""
    if not user.is_authenticated:
        return set()
    return set(Ballot.objects.filter(voting_round__event=event, user=user).values_list("voting_round_id", flat=True))


def ballot_of(*, voting_round: VotingRound, user: User | AnonymousUser) -> dict[int, int]:
    """Option id -> votes `user` gave in the round (empty when they have not voted)."""
    if not user.is_authenticated:
        return {}
    return dict(
        Vote.objects.filter(ballot__voting_round=voting_round, ballot__user=user).values_list("option_id", "count")
    )


def round_ballots(*, voting_round: VotingRound) -> list[Ballot]:
    """Every ballot of the round with its votes, by voter name (for a named result)."""
    return list(
        voting_round.ballots.select_related("user")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("option").order_by("option__order")))
        .order_by("user__last_name", "user__first_name", "user__username")
    )


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


@dataclass
class QuestionSummary:
    question: FeedbackQuestion
    count: int = 0
    average: float | None = None
    texts: list[str] = field(default_factory=list)


def feedback_questions(*, kind: str) -> list[FeedbackQuestion]:
    return list(FeedbackQuestion.objects.filter(kind=kind, is_active=True).order_by("order", "pk"))


def feedback_summary(*, event: Event) -> list[QuestionSummary]:
    """Per question asked at this event: how many answered, the mean rating, the written answers."""
    answers = FeedbackAnswer.objects.filter(feedback__event=event).select_related("question")
    summaries: dict[int, QuestionSummary] = {}
    ratings: dict[int, list[int]] = {}
    for answer in answers.order_by("question__order", "question_id", "pk"):
        summary = summaries.setdefault(answer.question_id, QuestionSummary(question=answer.question))
        summary.count += 1
        if answer.rating is not None:
            ratings.setdefault(answer.question_id, []).append(answer.rating)
        elif answer.text:
            summary.texts.append(answer.text)
    for pk, values in ratings.items():
        summaries[pk].average = round(sum(values) / len(values), 1)
    return list(summaries.values())


def feedback_export_rows(*, event: Event) -> tuple[list[FeedbackQuestion], list]:
    """The questions answered at the event and each feedback with its answers (two queries)."""
    feedback = list(event.feedback.select_related("user").prefetch_related("answers").order_by("created_at", "pk"))
    question_ids = {a.question_id for f in feedback for a in f.answers.all()}
    questions = list(FeedbackQuestion.objects.filter(pk__in=question_ids).order_by("order", "pk"))
    return questions, feedback
