"""Voting rounds: results hidden until one has voted or until the round closes, anonymous or named ballots,
a printable result, and a clear page for people who are not participants."""

import pytest

from tests.factories import EventFactory, RegionFactory, RegistrationFactory, UserFactory, VoteOptionFactory
from workshops import services
from workshops.models import Registration, VotingRound

pytestmark = pytest.mark.django_db


def _round(**fields):
    event = EventFactory(host_regions=[RegionFactory()])
    voting_round = VoteOptionFactory(
        voting_round__event=event,
        voting_round__region=event.host_regions.first(),
        label="Data sharing",
        voting_round__title="Which first?",
        **{f"voting_round__{k}": v for k, v in fields.items()},
    ).voting_round
    VoteOptionFactory(voting_round=voting_round, label="Reimbursement")
    return event, voting_round


def _voter(event):
    user = UserFactory()
    RegistrationFactory(event=event, user=user)
    return user


def _vote(voting_round, user, label, count):
    option = voting_round.options.get(label=label)
    services.ballot_submit(voting_round=voting_round, user=user, allocations={option.pk: count})


def test_ranking_is_hidden_until_the_voter_has_voted(client_as):
    event, voting_round = _round()
    early, late = _voter(event), _voter(event)
    _vote(voting_round, early, "Reimbursement", 3)
    url = f"/events/{event.pk}/votes/{voting_round.pk}/"

    before = client_as(late).get(url).content.decode()
    fragment = client_as(late).get(url + "ranking/").content.decode()
    _vote(voting_round, late, "Data sharing", 1)
    after = client_as(late).get(url).content.decode()

    assert "3 votes" not in before and "The results are shown once you have voted." in before
    assert "3 votes" not in fragment
    assert "3 votes" in after


def test_after_close_rounds_show_results_to_voters_only_once_closed(client_as, coordinator):
    event, voting_round = _round(results=VotingRound.Results.AFTER_CLOSE)
    voter = _voter(event)
    _vote(voting_round, voter, "Reimbursement", 4)
    url = f"/events/{event.pk}/votes/{voting_round.pk}/"

    while_open = client_as(voter).get(url).content.decode()
    staff = client_as(coordinator).get(url).content.decode()
    services.voting_round_close(voting_round=voting_round, by=coordinator)
    closed = client_as(voter).get(url).content.decode()

    assert "4 votes" not in while_open and "once the round is closed" in while_open
    assert "4 votes" in staff
    assert "4 votes" in closed


def test_api_leaves_hidden_rankings_out(client_as):
    event, voting_round = _round()
    voter = _voter(event)
    _vote(voting_round, _voter(event), "Reimbursement", 2)

    before = client_as(voter).get(f"/api/v1/events/{event.pk}/votes/").json()
    option = voting_round.options.get(label="Data sharing")
    after = (
        client_as(voter)
        .post(
            f"/api/v1/events/{event.pk}/votes/{voting_round.pk}/ballot/",
            {"votes": {str(option.pk): 1}},
            content_type="application/json",
        )
        .json()
    )

    assert before[0]["ranking"] is None
    assert [o["votes"] for o in after["ranking"]] == [2, 1]


def test_cancelled_registrant_gets_only_participants_can_vote_not_a_404(client_as):
    event, voting_round = _round()
    user = UserFactory()
    RegistrationFactory(event=event, user=user, status=Registration.Status.CANCELLED)

    response = client_as(user).get(f"/events/{event.pk}/votes/{voting_round.pk}/")

    assert response.status_code == 403
    assert "Only participants can vote" in response.content.decode()


def test_named_round_prints_each_ballot_and_anonymous_one_does_not(client_as, coordinator):
    event, named = _round(anonymous=False)
    voter = UserFactory(first_name="Ann", last_name="Virtanen")
    RegistrationFactory(event=event, user=voter)
    _vote(named, voter, "Data sharing", 2)
    services.voting_round_close(voting_round=named, by=coordinator)
    _other_event, anonymous = _round()
    anon_voter = _voter(_other_event)
    _vote(anonymous, anon_voter, "Data sharing", 2)

    named_page = client_as(voter).get(f"/events/{event.pk}/votes/{named.pk}/result/").content.decode()
    anon_page = client_as(coordinator).get(f"/events/{_other_event.pk}/votes/{anonymous.pk}/result/").content.decode()

    assert "Ann Virtanen" in named_page and "Data sharing: 2" in named_page
    assert anon_voter.username not in anon_page and "Ballots were anonymous." in anon_page


def test_printable_result_is_refused_while_hidden(client_as):
    event, voting_round = _round(results=VotingRound.Results.AFTER_CLOSE)
    voter = _voter(event)
    _vote(voting_round, voter, "Data sharing", 1)

    response = client_as(voter).get(f"/events/{event.pk}/votes/{voting_round.pk}/result/")

    assert response.status_code == 403


def test_round_form_sets_results_and_anonymity(client_as, coordinator):
    event = EventFactory(host_regions=[RegionFactory()])

    client_as(coordinator).post(
        f"/events/{event.pk}/votes/new/",
        {
            "region": event.host_regions.first().pk,
            "title": "Which first?",
            "votes_per_participant": 5,
            "results": "after_close",
            "labels": "A\nB",
        },
    )

    voting_round = VotingRound.objects.get()
    assert (voting_round.results, voting_round.anonymous) == ("after_close", False)
