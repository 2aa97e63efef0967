"""Out-of-range numbers, oversized texts and dates outside 1900-2100 are refused with a 400 and the
field's message, on the events API, its filters and the events pages; none reaches the database."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import EventFactory, RegistrationFactory
from workshops.models import Event, SeatQuota

pytestmark = pytest.mark.django_db


def _event_payload(**changes) -> dict:
    return {
        "kind": "workshop",
        "title": "Bounds workshop",
        "host_regions": ["FI1D"],
        "starts_at": "2027-06-10T09:00:00+03:00",
        "ends_at": "2027-06-10T15:00:00+03:00",
        "timezone": "Europe/Helsinki",
        "venue": "Oulu",
        "capacity": 10,
    } | changes


def _post_event(client, **changes):
    return client.post("/api/v1/events/", _event_payload(**changes), content_type="application/json")


# API: the reproductions ------------------------------------------------------------------------


@pytest.mark.parametrize("capacity", [2147483648, 2**63, Event.MAX_CAPACITY + 1])
def test_api_refuses_a_capacity_beyond_the_bound(client_as, coordinator, region, capacity):
    response = _post_event(client_as(coordinator), capacity=capacity)

    assert response.status_code == 400
    assert "capacity" in response.json()
    assert Event.objects.count() == 0


def test_api_takes_the_largest_capacity(client_as, coordinator, region):
    response = _post_event(client_as(coordinator), capacity=Event.MAX_CAPACITY)

    assert response.status_code == 201
    assert Event.objects.get().capacity == Event.MAX_CAPACITY


def test_api_refuses_a_four_megabyte_description(client_as, coordinator, region):
    response = _post_event(client_as(coordinator), description="x" * (4 * 1024 * 1024))

    assert response.status_code == 400
    assert response.json()["description"] == ["Ensure this field has no more than 10000 characters."]
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("venue", "v" * 301), ("timezone", "Europe/" + "x" * 100), ("online_url", "https://x.example/" + "a" * 300)],
)
def test_api_refuses_texts_longer_than_their_column(client_as, coordinator, region, field, value):
    response = _post_event(client_as(coordinator), **{field: value})

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    "starts_at",
    ["0001-01-01T09:00:00Z", "1899-12-31T23:00:00Z", "2101-01-01T09:00:00+01:00", "9999-12-31T23:59:59-01:00"],
)
def test_api_refuses_dates_outside_the_sane_years(client_as, coordinator, region, starts_at):
    response = _post_event(client_as(coordinator), starts_at=starts_at)

    assert response.status_code == 400
    assert response.json()["starts_at"] == ["Enter a date between the years 1900 and 2100."]
    assert Event.objects.count() == 0


def test_api_refuses_an_offset_no_zone_has(client_as, coordinator, region):
    response = _post_event(client_as(coordinator), starts_at="2027-06-10T09:00:00-21:47")

    assert response.status_code == 400
    assert "offset" in response.json()["starts_at"][0]


def test_registration_organisation_longer_than_its_column_is_a_400(client_as, stakeholder):
    event = EventFactory()

    response = client_as(stakeholder).post(
        f"/api/v1/events/{event.pk}/registrations/",
        {"stakeholder_kind": "patients", "organisation": "o" * 201},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "organisation" in response.json()


def test_ballot_with_a_huge_count_is_a_400(client_as, coordinator):
    event = EventFactory()
    participant = RegistrationFactory(event=event).user
    voting_round = client_as(coordinator).post(
        f"/api/v1/events/{event.pk}/votes/",
        {"region": event.host_regions.get().code, "title": "First?", "labels": ["A", "B"]},
        content_type="application/json",
    )
    option = voting_round.json()["ranking"][0]["id"]

    response = client_as(participant).post(
        f"/api/v1/events/{event.pk}/votes/{voting_round.json()['id']}/ballot/",
        {"votes": {str(option): 2**40}},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "votes" in response.json()


# API filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-01-01T00:00:00-21:47", "offset"),
        ("2026-01-01T00:00:00+14:01", "offset"),
        ("0001-01-01T00:00:00Z", "1900 and 2100"),
        ("9999-12-31T23:59:59-01:00", "1900 and 2100"),
    ],
)
def test_api_filter_with_an_impossible_instant_is_a_400_with_a_message(client_as, value, words):
    EventFactory()

    for name in ("starts_after", "starts_before"):
        response = client_as(None).get("/api/v1/events/", {name: value})

        assert response.status_code == 400
        assert words in response.json()[name][0]


def test_api_filter_with_a_real_offset_still_filters(client_as):
    # Noon UTC: after 11:30 UTC (midnight at -11:30) whatever the hour the test runs at.
    start = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=7)
    early = EventFactory(title="Early", starts_at=start, ends_at=start + timedelta(hours=3))
    late = start.replace(year=start.year + 1)
    EventFactory(title="Late", starts_at=late, ends_at=late + timedelta(hours=3))
    after = early.starts_at.replace(year=early.starts_at.year + 1, hour=0).isoformat().replace("+00:00", "-11:30")

    response = client_as(None).get("/api/v1/events/", {"starts_after": after, "when": ""})

    assert response.status_code == 200
    assert [e["title"] for e in response.json()["results"]] == ["Late"]


# Pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["list", "month"])
def test_events_page_shows_a_bad_filter_as_a_400_with_its_message(client_as, view):
    EventFactory(title="Listed workshop")

    response = client_as(None).get("/events/", {"view": view, "starts_after": "2026-01-01T00:00:00-21:47"})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter a time-zone offset between -14:00 and +14:00" in body
    assert "Listed workshop" not in body


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1899-12"])
def test_month_view_far_out_of_range_shows_the_current_month(client_as, month):
    response = client_as(None).get("/events/", {"view": "month", "month": month})

    assert response.status_code == 200
    assert timezone.now().strftime("%B %Y") in response.content.decode()


def _form_post(client, **changes):
    data = {
        "kind": "workshop",
        "title": "Form workshop",
        "host_regions": "FI1D",
        "timezone": "Europe/Brussels",
        "starts_at": "2027-06-10T10:00",
        "ends_at": "2027-06-10T12:00",
        "venue": "Brussels",
        "capacity": "10",
        "reminder_hours": "24",
    } | changes
    return client.post("/events/new/", data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": "2147483648"}, "Ensure this value is less than or equal to 100000."),
        ({"starts_at": "0001-01-01T10:00"}, "Enter a date between the years 1900 and 2100."),
        ({"ends_at": "2101-01-01T10:00"}, "Enter a date between the years 1900 and 2100."),
        ({"starts_at": "2027-06-10T10:00" + "0" * 40}, "Enter a date and time like 2027-03-28 09:30."),
        ({"description": "d" * 10_001}, "Ensure this value has at most 10000 characters (it has 10001)."),
    ],
)
def test_event_form_refuses_out_of_range_input_with_a_field_message(client_as, coordinator, region, changes, message):
    response = _form_post(client_as(coordinator), **changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_quota_form_refuses_a_huge_seat_count(client_as, coordinator):
    event = EventFactory(coordinators=[coordinator])

    response = client_as(coordinator).post(
        f"/events/{event.pk}/quotas/", {"stakeholder_kind": "patients", "seats": "2147483648"}, follow=True
    )

    assert response.status_code == 200
    assert SeatQuota.objects.count() == 0


# Whole bodies ----------------------------------------------------------------------------------


def test_api_body_beyond_the_upload_limit_is_a_413_with_a_message(client_as, coordinator, region):
    body = json.dumps(_event_payload(description="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)))

    response = client_as(coordinator).post("/api/v1/events/", body, content_type="application/json")

    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert Event.objects.count() == 0


def test_page_body_beyond_the_upload_limit_is_a_413(client_as, coordinator, region):
    body = "description=" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = client_as(coordinator).post("/events/new/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 413
    assert Event.objects.count() == 0
