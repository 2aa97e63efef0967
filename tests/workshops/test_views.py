import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import EventFactory, RegionFactory, RegistrationFactory, UserFactory
from workshops import services
from workshops.models import Event, Registration

pytestmark = pytest.mark.django_db


def _events(client, url="/events/"):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_calendar_hides_planned_events_from_the_public(client_as, coordinator):
    EventFactory(title="Public workshop")
    EventFactory(title="Secret plan", status=Event.Status.PLANNED)

    public = _events(client_as(None)).content.decode()
    staff = _events(client_as(coordinator)).content.decode()

    assert "Public workshop" in public and "Secret plan" not in public
    assert "Secret plan" in staff


def test_planned_event_page_is_404_for_public_and_stakeholders(client_as, stakeholder, coordinator):
    event = EventFactory(status=Event.Status.PLANNED)

    assert client_as(None).get(f"/events/{event.pk}/").status_code == 404
    assert client_as(stakeholder).get(f"/events/{event.pk}/").status_code == 404
    assert client_as(None).get(f"/events/{event.pk}.ics").status_code == 404
    assert client_as(coordinator).get(f"/events/{event.pk}/").status_code == 200


def test_calendar_filters_by_region_kind_and_past(client_as):
    region = RegionFactory(code="FI1D")
    EventFactory(title="Oulu visit", kind=Event.Kind.SITE_VISIT, host_regions=[region])
    EventFactory(title="Antwerp webinar", kind=Event.Kind.WEBINAR)
    past = timezone.now() - timedelta(days=30)
    EventFactory(title="Old one", starts_at=past, ends_at=past + timedelta(hours=2), status=Event.Status.HELD)
    client = client_as(None)

    by_region = _events(client, "/events/?region=fi1d").content.decode()
    by_kind = _events(client, "/events/?kind=webinar").content.decode()
    past_page = _events(client, "/events/?when=past").content.decode()

    assert "Oulu visit" in by_region and "Antwerp webinar" not in by_region
    assert "Antwerp webinar" in by_kind and "Oulu visit" not in by_kind
    assert "Old one" in past_page and "Oulu visit" not in past_page


def test_month_view_places_event_on_its_local_day(client_as):
    # 23:30 UTC on 31 May is 1 June in Helsinki.
    start = datetime(2027, 5, 31, 23, 30, tzinfo=UTC)
    EventFactory(title="Midnight session", starts_at=start, ends_at=start + timedelta(hours=1))
    client = client_as(None)
    client.cookies["tz"] = "Europe/Helsinki"

    june = _events(client, "/events/?view=month&month=2027-06").content.decode()

    assert "Midnight session" in june
    assert "02:30" in june


@pytest.mark.parametrize("rows", [2, 12])
def test_calendar_queries_do_not_grow(client_as, django_assert_num_queries, rows, page_cache_off):
    for _ in range(rows):
        event = EventFactory(host_regions=[RegionFactory(), RegionFactory()])
        RegistrationFactory(event=event)
    client = client_as(None)
    client.get("/events/")

    with django_assert_num_queries(3):
        _events(client, "/events/")
    with django_assert_num_queries(2):
        _events(client, "/events/?view=month")


@pytest.mark.parametrize("rows", [2, 12])
def test_event_page_and_participants_queries_do_not_grow(client_as, coordinator, django_assert_num_queries, rows):
    event = EventFactory(host_regions=[RegionFactory(), RegionFactory()], capacity=5)
    for _ in range(rows):
        RegistrationFactory(event=event)
    client = client_as(coordinator)
    client.get(f"/events/{event.pk}/")

    # Workshops now show the mapping topics too: a fixed few queries per host region, none per registration;
    # one more tells whether the coordinator follows the event (its follow button).
    with django_assert_num_queries(18):
        client.get(f"/events/{event.pk}/")
    with django_assert_num_queries(9):
        assert client.get(f"/events/{event.pk}/participants/").status_code == 200


def test_event_ics_parses_and_follows_cancellation(client_as, coordinator):
    event = EventFactory(title="Data workshop")
    first = Calendar.from_ical(client_as(None).get(f"/events/{event.pk}.ics").content)
    vevent = first.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Data workshop"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert str(vevent["STATUS"]) == "CONFIRMED"

    services.event_cancel(event=event, reason="Venue flooded", by=coordinator)

    again = Calendar.from_ical(client_as(None).get(f"/events/{event.pk}.ics").content).walk("VEVENT")[0]
    assert str(again["STATUS"]) == "CANCELLED"
    assert again["SEQUENCE"] > vevent["SEQUENCE"]
    assert str(again["UID"]) == str(vevent["UID"])


def test_personal_feed_lists_registered_and_coordinated_events(client, coordinator, stakeholder):
    mine = EventFactory(title="Registered one")
    RegistrationFactory(event=mine, user=stakeholder)
    EventFactory(title="Not mine")
    EventFactory(title="Coordinated", coordinators=[stakeholder], status=Event.Status.PLANNED)

    response = client.get(f"/events/feed/{stakeholder.feed_token}.ics")

    titles = sorted(str(v["SUMMARY"]) for v in Calendar.from_ical(response.content).walk("VEVENT"))
    assert response["Content-Type"].startswith("text/calendar")
    assert titles == ["Coordinated", "Registered one"]


def test_feed_token_reset_invalidates_old_link(client_as, stakeholder):
    old = stakeholder.feed_token
    client = client_as(stakeholder)

    client.post("/events/feed/reset/")

    stakeholder.refresh_from_db()
    assert stakeholder.feed_token != old
    assert client.get(f"/events/feed/{old}.ics").status_code == 404
    assert client.get(f"/events/feed/{stakeholder.feed_token}.ics").status_code == 200


def test_create_event_form_shows_clear_errors_and_keeps_input(client_as, coordinator, region):
    response = client_as(coordinator).post(
        "/events/new/",
        {
            "kind": "workshop",
            "title": "Keep this title",
            "host_regions": "FI1D, XX99",
            "timezone": "Europe/Brussels",
            "starts_at": "2027-03-28T02:30",
            "ends_at": "2027-03-28T01:00",
            "capacity": "0",
            "reminder_hours": "24",
        },
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Unknown region code(s): XX99." in body
    assert "does not exist in Europe/Brussels" in body
    assert 'value="Keep this title"' in body
    assert Event.objects.count() == 0


def test_create_event_form_reports_end_before_start_and_capacity(client_as, coordinator, region):
    response = client_as(coordinator).post(
        "/events/new/",
        {
            "kind": "workshop",
            "title": "T",
            "host_regions": "FI1D",
            "timezone": "Europe/Brussels",
            "starts_at": "2027-06-10T10:00",
            "ends_at": "2027-06-10T09:00",
            "registration_deadline": "2027-06-11T09:00",
            "capacity": "0",
            "reminder_hours": "24",
        },
    )

    body = response.content.decode()
    assert "The event must end after it starts." in body
    assert "Capacity must be at least 1 seat." in body
    assert "The registration deadline must be before the event starts." in body


def test_create_event_converts_venue_time_to_utc(client_as, coordinator, region):
    response = client_as(coordinator).post(
        "/events/new/",
        {
            "kind": "site_visit",
            "title": "Oulu",
            "host_regions": "fi1d",
            "timezone": "Europe/Helsinki",
            "starts_at": "2027-06-10T09:00",
            "ends_at": "2027-06-10T15:00",
            "venue": "Oulu",
            "capacity": "15",
            "reminder_hours": "48",
            "coordinators": [coordinator.pk],
        },
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert event.starts_at.isoformat() == "2027-06-10T06:00:00+00:00"
    assert event.reminder_lead == timedelta(hours=48)


def test_stakeholder_cannot_create_or_manage_events(client_as, stakeholder, official):
    event = EventFactory()
    for user in (stakeholder, official):
        client = client_as(user)
        assert client.get("/events/new/").status_code == 403
        assert client.get(f"/events/{event.pk}/edit/").status_code == 403
        assert client.post(f"/events/{event.pk}/cancel/", {"reason": "x"}).status_code == 403
        assert client.get(f"/events/{event.pk}/participants/").status_code == 403
        assert client.get(f"/events/{event.pk}/participants.csv").status_code == 403
        assert client.get(f"/events/{event.pk}/outcomes/").status_code == 403
        assert client.get(f"/events/{event.pk}/votes/new/").status_code == 403
    assert client_as(None).get("/events/new/").status_code == 302


def test_register_and_waitlist_through_the_page(client_as):
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()

    client_as(first).post(f"/events/{event.pk}/register/", {"stakeholder_kind": "clinicians"})
    response = client_as(second).post(f"/events/{event.pk}/register/", {"stakeholder_kind": "payers"}, follow=True)

    assert "The event is full: you are number 1 on the waiting list." in response.content.decode()
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == ["confirmed", "waitlisted"]


def test_participants_csv_export(client_as, coordinator):
    event = EventFactory()
    RegistrationFactory(event=event, user=UserFactory(username="zoe"), organisation="=HYPERLINK()")

    response = client_as(coordinator).get(f"/events/{event.pk}/participants.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "username"
    assert rows[1][0] == "zoe"
    assert rows[1][3] == "'=HYPERLINK()"


def test_minutes_are_sanitised_on_display(client_as, coordinator):
    event = EventFactory()
    services.minutes_update(event=event, minutes="# Notes\n\n**Agreed**\n\n<script>alert(1)</script>", by=coordinator)

    body = client_as(None).get(f"/events/{event.pk}/").content.decode()

    assert "<strong>Agreed</strong>" in body
    assert "<script>alert(1)</script>" not in body


def test_attachment_upload_refuses_bad_type_with_message(client_as, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = EventFactory()
    response = client_as(coordinator).post(
        f"/events/{event.pk}/outcomes/",
        {"action": "attachment", "title": "x", "file": SimpleUploadedFile("run.exe", b"MZ")},
    )

    assert response.status_code == 400
    assert "Files of type “.exe” are not accepted" in response.content.decode()


def test_event_page_shows_venue_time_and_the_viewers_own(client_as):
    # 10:00 in Helsinki on 10 June 2027 is 03:00 in New York.
    start = datetime(2027, 6, 10, 7, 0, tzinfo=UTC)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), timezone="Europe/Helsinki")
    client = client_as(None)
    client.cookies["tz"] = "America/New_York"

    body = client.get(f"/events/{event.pk}/").content.decode()

    assert "Thu 10 Jun 2027, 10:00" in body and "Europe/Helsinki" in body
    assert "Your time (America/New_York):" in body
    assert "Thu 10 Jun, 03:00" in body


def test_participant_gives_feedback_after_the_start(client_as):
    past = timezone.now() - timedelta(hours=2)
    event = EventFactory(starts_at=past, ends_at=past + timedelta(hours=1), status=Event.Status.HELD)
    participant, outsider = UserFactory(), UserFactory()
    RegistrationFactory(event=event, user=participant)

    denied = client_as(outsider).post(f"/events/{event.pk}/feedback/", {"rating": "5"})
    bad = client_as(participant).post(f"/events/{event.pk}/feedback/", {"rating": "9"})
    good = client_as(participant).post(f"/events/{event.pk}/feedback/", {"rating": "4", "useful": "The vote"})

    assert denied.status_code == 403
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()
    assert good.status_code == 302
    assert list(event.feedback.values_list("rating", "useful")) == [(4, "The vote")]


def test_outcomes_page_records_finding_and_attachment(client_as, coordinator, region, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mapping.models import Finding
    from tests.factories import seed_theme

    event = EventFactory(host_regions=[region])
    theme = seed_theme("FUND")
    client = client_as(coordinator)

    finding = client.post(
        f"/events/{event.pk}/outcomes/",
        {
            "action": "finding",
            "region": region.pk,
            "theme": theme.pk,
            "kind": "barrier",
            "severity": "4",
            "title": "No budget line",
        },
    )
    upload = client.post(
        f"/events/{event.pk}/outcomes/",
        {"action": "attachment", "title": "Slides", "file": SimpleUploadedFile("slides.pdf", b"%PDF-1.4 test")},
    )

    assert finding.status_code == 302 and upload.status_code == 302
    assert Finding.objects.get(region=region).source == "workshop"
    assert event.attachments.get().size == 13
    page = client_as(None).get(f"/events/{event.pk}/").content.decode()
    assert "No budget line" in page and "Slides" in page


def test_calendar_filter_labels_name_their_controls(client):
    body = client.get("/events/").content.decode()

    assert '<label for="f-status">' in body and 'id="f-status"' in body
    assert '<label for="f-when">' in body and 'id="f-when"' in body
    assert "Any status" in body
    assert "---------" not in body
