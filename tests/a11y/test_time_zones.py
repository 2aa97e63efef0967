"""The viewer's own time zone: from the browser (decoded), kept in the profile, and on event pages."""

from datetime import UTC, datetime, timedelta

import pytest

from saphire.timezones import browser_timezone, zone_for_region
from tests.factories import EventFactory, RegionFactory
from workshops.models import Event

pytestmark = pytest.mark.django_db


def test_the_cookie_is_decoded_as_the_browser_wrote_it():
    assert browser_timezone({"tz": "Europe%2FAthens"}) == "Europe/Athens"
    assert browser_timezone({"tz": "America%2FArgentina%2FBuenos_Aires"}) == "America/Argentina/Buenos_Aires"
    assert browser_timezone({"tz": "Europe/Helsinki"}) == "Europe/Helsinki"
    # Aliases and junk are not zones people choose.
    assert browser_timezone({"tz": "Europe%2FKiev"}) is None
    assert browser_timezone({"tz": "%2F..%2Fetc"}) is None
    assert browser_timezone({}) is None


def test_a_viewer_in_athens_sees_athens_time_for_an_event_in_helsinki(client):
    # 10:00 in Helsinki on 10 June 2027 is also 10:00 in Athens (both UTC+3 in summer): still named.
    start = datetime(2027, 6, 10, 7, 0, tzinfo=UTC)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), timezone="Europe/Helsinki")
    client.cookies["tz"] = "Europe%2FAthens"

    body = client.get(f"/events/{event.pk}/").content.decode()

    assert "Thu 10 Jun 2027, 10:00" in body and "Europe/Helsinki" in body
    assert "Your time (Europe/Athens): Thu 10 Jun, 10:00–12:00" in body
    assert "Europe/Brussels" not in body


def test_an_event_in_lisbon_seen_from_athens(client):
    start = datetime(2027, 6, 10, 9, 0, tzinfo=UTC)  # 10:00 in Lisbon, 12:00 in Athens
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1), timezone="Europe/Lisbon")
    client.cookies["tz"] = "Europe%2FAthens"

    body = client.get(f"/events/{event.pk}/").content.decode()

    assert "Thu 10 Jun 2027, 10:00" in body
    assert "Your time (Europe/Athens): Thu 10 Jun, 12:00–13:00" in body


def test_the_browsers_zone_fills_an_empty_profile_once_and_stays_editable(client_as, official):
    client = client_as(official)
    client.cookies["tz"] = "Europe%2FAthens"

    client.get("/accounts/preferences/")
    official.refresh_from_db()
    assert official.timezone == "Europe/Athens"

    client.post("/accounts/preferences/", {"language": "", "timezone": "Europe/Lisbon"})
    client.get("/accounts/preferences/")
    official.refresh_from_db()
    assert official.timezone == "Europe/Lisbon"  # the cookie no longer overrides a chosen zone


def test_event_form_offers_canonical_zones_grouped_by_region(client_as, coordinator):
    body = client_as(coordinator).get("/events/new/").content.decode()

    assert '<optgroup label="Europe">' in body and '<optgroup label="America">' in body
    assert 'value="Europe/Kyiv"' in body
    assert 'value="Europe/Kiev"' not in body and 'value="US/Eastern"' not in body
    assert "The first host region&#x27;s time zone" in body


def test_event_form_defaults_to_the_host_regions_zone(client_as, coordinator):
    RegionFactory(code="EL30", level=1, name="Attiki")
    response = client_as(coordinator).post(
        "/events/new/",
        {
            "kind": "workshop",
            "title": "Athens workshop",
            "host_regions": "EL30",
            "timezone": "",
            "starts_at": "2027-06-10T10:00",
            "ends_at": "2027-06-10T12:00",
            "capacity": "20",
            "reminder_hours": "24",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Athens workshop")
    assert event.timezone == "Europe/Athens"
    assert event.starts_at == datetime(2027, 6, 10, 7, 0, tzinfo=UTC)


def test_region_zones():
    assert zone_for_region("FI1D") == "Europe/Helsinki"
    assert zone_for_region("FI200") == "Europe/Mariehamn"
    assert zone_for_region("PT200") == "Atlantic/Azores"
    assert zone_for_region("ES70") == "Atlantic/Canary"
    assert zone_for_region("FRY40") == "Indian/Reunion"
    assert zone_for_region("XX1") is None
