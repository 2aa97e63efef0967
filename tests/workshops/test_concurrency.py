"""Real concurrent transactions: two threads, two database connections, one seat."""

import threading

import pytest
from django.db import connection

from tests.factories import EventFactory, UserFactory, VoteOptionFactory
from workshops import services
from workshops.models import Ballot, Registration, Vote

pytestmark = pytest.mark.django_db(transaction=True)


def _run_together(*calls):
    """Start every call at the same moment, each in its own thread (and so its own connection)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_last_seat_goes_to_exactly_one_of_two_simultaneous_registrations(attempt):
    event = EventFactory(capacity=3)
    for _ in range(2):
        services.registration_create(event=event, user=UserFactory())
    ann, bob = UserFactory(), UserFactory()

    results = _run_together(
        lambda: services.registration_create(event=event, user=ann),
        lambda: services.registration_create(event=event, user=bob),
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(r.status for r in results) == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 3


def test_double_submitted_ballot_counts_once():
    option = VoteOptionFactory()
    other = VoteOptionFactory(voting_round=option.voting_round)
    user = UserFactory()
    allocation = {option.pk: 3, other.pk: 2}

    results = _run_together(
        *[
            lambda: services.ballot_submit(voting_round=option.voting_round, user=user, allocations=allocation)
            for _ in range(4)
        ]
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Ballot.objects.filter(voting_round=option.voting_round, user=user).count() == 1
    assert sorted(Vote.objects.values_list("count", flat=True)) == [2, 3]
