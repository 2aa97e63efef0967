import pytest

from tests.factories import EventFactory, RegistrationFactory, UserFactory, VoteOptionFactory, VotingRoundFactory
from workshops.models import Event, RegionPriority, Registration

pytestmark = pytest.mark.django_db


def test_events_list_is_paginated_and_hides_planned_from_public(client_as):
    EventFactory(title="Public")
    EventFactory(title="Planned", status=Event.Status.PLANNED)

    body = client_as(None).get("/api/v1/events/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert [e["title"] for e in body["results"]] == ["Public"]


@pytest.mark.parametrize("rows", [2, 10])
def test_events_list_queries_do_not_grow(client_as, django_assert_num_queries, rows):
    for _ in range(rows):
        RegistrationFactory(event=EventFactory())
    client = client_as(None)

    with django_assert_num_queries(3):
        assert client.get("/api/v1/events/?when=upcoming").status_code == 200


def test_coordinator_creates_event_and_gets_field_errors(client_as, coordinator, region):
    client = client_as(coordinator)
    payload = {
        "kind": "workshop",
        "title": "API workshop",
        "host_regions": ["FI1D"],
        "starts_at": "2027-06-10T09:00:00+03:00",
        "ends_at": "2027-06-10T08:00:00+03:00",
        "timezone": "Europe/Helsinki",
        "venue": "Oulu",
        "capacity": 0,
    }

    bad = client.post("/api/v1/events/", payload, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["ends_at"] == ["The event must end after it starts."]
    assert bad.json()["capacity"] == ["Capacity must be at least 1 seat."]

    payload |= {"ends_at": "2027-06-10T15:00:00+03:00", "capacity": 10}
    good = client.post("/api/v1/events/", payload, content_type="application/json")
    assert good.status_code == 201
    assert good.json()["starts_at"].startswith("2027-06-10T08:00:00+02:00")  # shown in the site's zone
    assert good.json()["host_regions"] == ["FI1D"]


def test_stakeholder_cannot_create_or_cancel_events(client_as, stakeholder, region):
    event = EventFactory()
    client = client_as(stakeholder)

    assert client.post("/api/v1/events/", {}, content_type="application/json").status_code == 403
    assert client.post(f"/api/v1/events/{event.pk}/cancel/", {"reason": "x"}).status_code == 403
    assert client_as(None).post(f"/api/v1/events/{event.pk}/cancel/", {"reason": "x"}).status_code in (401, 403)


def test_registrations_own_for_participants_all_for_coordinators(client_as, coordinator):
    event = EventFactory(capacity=1)
    ann, bob = UserFactory(username="ann"), UserFactory(username="bob")

    assert client_as(ann).post(f"/api/v1/events/{event.pk}/registrations/", {"role": "host"}).status_code == 201
    waiting = client_as(bob).post(f"/api/v1/events/{event.pk}/registrations/", {})
    assert waiting.json()["status"] == "waitlisted"

    mine = client_as(bob).get(f"/api/v1/events/{event.pk}/registrations/").json()["results"]
    everyone = client_as(coordinator).get(f"/api/v1/events/{event.pk}/registrations/").json()["results"]
    assert [r["username"] for r in mine] == ["bob"]
    assert sorted(r["username"] for r in everyone) == ["ann", "bob"]
    assert Registration.objects.get(user=ann).role == "participant"  # only coordinators choose roles

    again = client_as(ann).post(f"/api/v1/events/{event.pk}/registrations/", {})
    assert again.status_code == 400
    assert "already registered" in again.json()["non_field_errors"][0]


def test_own_registrations_and_cancel_promotes(client_as):
    event = EventFactory(capacity=1)
    ann, bob = UserFactory(), UserFactory()
    first = RegistrationFactory(event=event, user=ann)
    second = RegistrationFactory(event=event, user=bob, status=Registration.Status.WAITLISTED)

    assert [r["id"] for r in client_as(ann).get("/api/v1/registrations/").json()["results"]] == [first.pk]
    assert client_as(bob).delete(f"/api/v1/registrations/{first.pk}/").status_code == 404
    assert client_as(ann).delete(f"/api/v1/registrations/{first.pk}/").status_code == 204

    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED


def test_votes_api_round_trip(client_as, coordinator):
    voting_round = VotingRoundFactory()
    event = voting_round.event
    data, funding = (
        VoteOptionFactory(voting_round=voting_round, label="Data"),
        VoteOptionFactory(voting_round=voting_round, label="Funding"),
    )
    voter = UserFactory()
    RegistrationFactory(event=event, user=voter)
    outsider = UserFactory()

    url = f"/api/v1/events/{event.pk}/votes/{voting_round.pk}/ballot/"
    ok = client_as(voter).post(url, {"votes": {str(funding.pk): 4, str(data.pk): 1}}, content_type="application/json")
    too_many = client_as(voter).post(url, {"votes": {str(funding.pk): 9}}, content_type="application/json")
    denied = client_as(outsider).post(url, {"votes": {str(funding.pk): 1}}, content_type="application/json")

    assert ok.status_code == 200
    assert [(o["label"], o["votes"]) for o in ok.json()["ranking"]] == [("Funding", 4), ("Data", 1)]
    assert too_many.status_code == 400 and "you have 5 to spread" in too_many.json()["votes"][0]
    assert denied.status_code == 403
    assert client_as(outsider).get(f"/api/v1/events/{event.pk}/votes/").status_code == 403

    closed = client_as(coordinator).post(f"/api/v1/events/{event.pk}/votes/{voting_round.pk}/close/")
    assert closed.json()["status"] == "closed"
    assert list(RegionPriority.objects.values_list("label", "rank")) == [("Funding", 1), ("Data", 2)]


def test_coordinator_opens_round_through_api(client_as, coordinator, region, other_region):
    event = EventFactory(host_regions=[region])
    url = f"/api/v1/events/{event.pk}/votes/"
    payload = {"region": "FI1D", "title": "First?", "labels": ["A", "B"]}

    created = client_as(coordinator).post(url, payload, content_type="application/json")
    wrong = client_as(coordinator).post(url, payload | {"region": "BE21"}, content_type="application/json")

    assert created.status_code == 201
    assert [o["label"] for o in created.json()["ranking"]] == ["A", "B"]
    assert wrong.status_code == 400 and "region" in wrong.json()


def test_agenda_api_lists_and_adds_items_within_the_event(client_as, coordinator, stakeholder):
    event = EventFactory()
    url = f"/api/v1/events/{event.pk}/agenda/"
    inside = {"starts_at": event.starts_at.isoformat(), "title": "Welcome", "speakers": "Cora"}
    outside = {"starts_at": (event.ends_at + (event.ends_at - event.starts_at)).isoformat(), "title": "Late"}

    created = client_as(coordinator).post(url, inside, content_type="application/json")
    refused = client_as(coordinator).post(url, outside, content_type="application/json")
    denied = client_as(stakeholder).post(url, inside, content_type="application/json")

    assert created.status_code == 201
    assert refused.status_code == 400 and "within the event" in refused.json()["starts_at"][0]
    assert denied.status_code == 403
    assert [i["title"] for i in client_as(None).get(url).json()] == ["Welcome"]
