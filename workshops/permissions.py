"""Who may do what with events; reads are scoped in selectors, writes checked here."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import User
from saphire import roles
from workshops.models import Event, Registration, VotingRound

AnyUser = User | AnonymousUser


def can_create_event(user: AnyUser) -> bool:
    return roles.is_coordinator(user)


def can_manage_event(user: AnyUser, event: Event) -> bool:
    """Coordinators run every event (consortium staff share the work)."""
    return roles.is_coordinator(user)


def can_register(user: AnyUser, event: Event) -> bool:
    return user.is_authenticated and event.status == Event.Status.CONFIRMED


def can_cancel_registration(user: AnyUser, registration: Registration) -> bool:
    """Coordinators may tidy any list; a person cancels their own only while the event is still to come."""
    if not user.is_authenticated or registration.status == Registration.Status.CANCELLED:
        return False
    if roles.is_coordinator(user):
        return True
    event = registration.event
    return (
        registration.user_id == user.pk
        and event.status in (Event.Status.PLANNED, Event.Status.CONFIRMED)
        and event.starts_at > timezone.now()
    )


def can_promote_registration(user: AnyUser, registration: Registration) -> bool:
    return roles.is_coordinator(user) and registration.status in (
        Registration.Status.WAITLISTED,
        Registration.Status.OFFERED,
    )


def can_view_participants(user: AnyUser, event: Event) -> bool:
    return roles.is_coordinator(user)


def _is_confirmed_registrant(user: AnyUser, event: Event) -> bool:
    return (
        user.is_authenticated
        and Registration.objects.filter(event=event, user=user, status=Registration.Status.CONFIRMED).exists()
    )


def can_see_online_link(user: AnyUser, event: Event) -> bool:
    """The meeting link is for the people in the meeting: confirmed participants and coordinators."""
    return can_manage_event(user, event) or _is_confirmed_registrant(user, event)


def can_give_feedback(user: AnyUser, event: Event) -> bool:
    return (
        event.status in (Event.Status.CONFIRMED, Event.Status.HELD)
        and event.starts_at <= timezone.now()
        and _is_confirmed_registrant(user, event)
    )


def can_vote(user: AnyUser, voting_round: VotingRound) -> bool:
    return voting_round.status == VotingRound.Status.OPEN and _is_confirmed_registrant(user, voting_round.event)


def can_view_round(user: AnyUser, voting_round: VotingRound) -> bool:
    return roles.is_coordinator(user) or _is_confirmed_registrant(user, voting_round.event)


def can_view_rounds(user: AnyUser, event: Event) -> bool:
    """The event's rounds and votes are for the people in the room: coordinators and confirmed participants."""
    return can_manage_event(user, event) or _is_confirmed_registrant(user, event)


def can_see_round_results(user: AnyUser, voting_round: VotingRound, *, has_voted: bool) -> bool:
    """A closed round shows its result; an open one only to a voter who has voted, if the round allows."""
    if can_manage_event(user, voting_round.event) or voting_round.status == VotingRound.Status.CLOSED:
        return True
    return voting_round.results == VotingRound.Results.AFTER_VOTE and has_voted
