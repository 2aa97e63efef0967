"""Calendar files: the event's own zone with its VTIMEZONE, an alarm, SEQUENCE, METHOD:CANCEL, updates by mail."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories import EventFactory, RegionFactory, RegistrationFactory, UserFactory
from workshops import services
from workshops.models import Event, Registration

pytestmark = pytest.mark.django_db


def _parse(content: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(content)
    return calendar, calendar.walk("VEVENT")[0]


def test_event_ics_is_written_in_the_event_zone_with_its_vtimezone_and_an_alarm(client):
    event = EventFactory(timezone="Europe/Helsinki")

    calendar, vevent = _parse(client.get(f"/events/{event.pk}.ics").content)

    assert vevent["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert vevent.decoded("DTSTART") == event.starts_at
    (alarm,) = vevent.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(days=1)
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_cancelled_event_ics_is_a_method_cancel_with_a_higher_sequence(client, coordinator):
    event = EventFactory()
    _calendar, before = _parse(client.get(f"/events/{event.pk}.ics").content)

    services.event_cancel(event=event, reason="Venue flooded", by=coordinator)

    calendar, after = _parse(client.get(f"/events/{event.pk}.ics").content)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["UID"]) == str(before["UID"])
    assert "ORGANIZER" in after
    assert after.walk("VALARM") == []


def test_feed_is_in_each_events_zone(client, stakeholder):
    RegistrationFactory(event=EventFactory(timezone="Europe/Lisbon"), user=stakeholder)
    RegistrationFactory(event=EventFactory(timezone="Europe/Helsinki"), user=stakeholder)

    calendar = Calendar.from_ical(client.get(f"/events/feed/{stakeholder.feed_token}.ics").content)

    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == ["Europe/Helsinki", "Europe/Lisbon"]
    assert sorted(v["DTSTART"].params["TZID"] for v in calendar.walk("VEVENT")) == ["Europe/Helsinki", "Europe/Lisbon"]


def test_a_change_sends_each_registrant_a_calendar_update_in_their_language(
    coordinator, django_capture_on_commit_callbacks, eager_tasks, mailoutbox
):
    region = RegionFactory()
    event = EventFactory(host_regions=[region], sequence=3)
    RegistrationFactory(event=event, user=UserFactory(email="fr@example.org", language="fr"))
    RegistrationFactory(event=event, user=UserFactory(email="en@example.org", language="en"))
    RegistrationFactory(event=event, user=UserFactory(email="gone@example.org"), status=Registration.Status.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            event=event,
            by=coordinator,
            starts_at=event.starts_at + timedelta(days=1),
            ends_at=event.ends_at + timedelta(days=1),
        )

    assert sorted(m.to[0] for m in mailoutbox) == ["en@example.org", "fr@example.org"]
    by_address = {m.to[0]: m for m in mailoutbox}
    name, content, mimetype = by_address["en@example.org"].attachments[0]
    calendar, vevent = _parse(content)
    assert mimetype.startswith("text/calendar; method=REQUEST")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert vevent["SEQUENCE"] == 4
    assert "en@example.org" in str(vevent["ATTENDEE"])
    assert by_address["en@example.org"].subject.startswith("Moved:")
    with translation.override("fr"):
        french_subject = translation.gettext("Moved: %(title)s") % {"title": event.title}
    assert by_address["fr@example.org"].subject == french_subject


def test_cancellation_mail_carries_a_method_cancel(
    coordinator, django_capture_on_commit_callbacks, eager_tasks, mailoutbox
):
    event = EventFactory()
    RegistrationFactory(event=event, user=UserFactory(email="p@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="Strike", by=coordinator)

    (message,) = mailoutbox
    calendar, vevent = _parse(message.attachments[0][1])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "Strike" in message.body


def test_a_stale_update_is_dropped_when_a_newer_one_follows(eager_tasks, mailoutbox):
    event = EventFactory(sequence=5)
    RegistrationFactory(event=event, user=UserFactory(email="p@example.org"))

    sent = services.calendar_update_send(event=event, sequence=4, change="changed")

    assert sent == 0 and mailoutbox == []


def test_a_planned_event_changes_without_mailing_anyone(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(status=Event.Status.PLANNED, starts_at=timezone.now() + timedelta(days=9))
    event.starts_at = event.starts_at.replace(microsecond=0)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=coordinator, title="New title")

    assert mailoutbox == []
