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
    return user.is_authenticated and (registration.user_id == user.pk or roles.is_coordinator(user))


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
