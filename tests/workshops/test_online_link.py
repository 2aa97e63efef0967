"""The meeting link of an online event reaches only the people in the meeting: confirmed participants
and coordinators, on the page, in the event's .ics file and in personal feeds."""

import pytest
from icalendar import Calendar

from tests.factories import EventFactory, RegistrationFactory, UserFactory
from workshops.models import Event, Registration

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.eu/saphire-webinar-7f3a"


def _webinar(**kwargs):
    return EventFactory(kind=Event.Kind.WEBINAR, venue="", online_url=LINK, **kwargs)


def _locations(response) -> list[str]:
    assert response.status_code == 200
    return [str(v.get("LOCATION", "")) for v in Calendar.from_ical(response.content).walk("VEVENT")]


def test_anonymous_event_ics_leaves_the_link_out(client_as):
    event = _webinar()

    response = client_as(None).get(f"/events/{event.pk}.ics")

    assert LINK.encode() not in response.content
    assert _locations(response) == ["Online"]


@pytest.mark.parametrize("status", [Registration.Status.WAITLISTED, Registration.Status.CANCELLED, None])
def test_event_ics_leaves_the_link_out_for_people_not_confirmed(client_as, status):
    event = _webinar()
    person = UserFactory()
    if status is not None:
        RegistrationFactory(event=event, user=person, status=status)

    response = client_as(person).get(f"/events/{event.pk}.ics")

    assert LINK.encode() not in response.content


def test_event_ics_gives_the_link_to_confirmed_participants_and_coordinators(client_as, coordinator):
    event = _webinar()
    participant = RegistrationFactory(event=event).user

    assert _locations(client_as(participant).get(f"/events/{event.pk}.ics")) == [LINK]
    assert _locations(client_as(coordinator).get(f"/events/{event.pk}.ics")) == [LINK]


def test_venue_stays_the_location_for_everyone(client_as):
    event = EventFactory(venue="Oulu University Hospital", online_url=LINK)

    assert _locations(client_as(None).get(f"/events/{event.pk}.ics")) == ["Oulu University Hospital"]


def test_personal_feed_carries_the_link_only_for_confirmed_registrations(client, stakeholder):
    confirmed = _webinar(title="Confirmed here")
    waiting = _webinar(title="Waiting here")
    RegistrationFactory(event=confirmed, user=stakeholder)
    RegistrationFactory(event=waiting, user=stakeholder, status=Registration.Status.WAITLISTED)

    response = client.get(f"/events/feed/{stakeholder.feed_token}.ics")

    by_title = {
        str(v["SUMMARY"]): str(v.get("LOCATION", "")) for v in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert by_title == {"Confirmed here": LINK, "Waiting here": "Online"}


def test_coordinator_feed_carries_the_links(client, coordinator):
    _webinar(title="Run by me", coordinators=[coordinator])

    assert _locations(client.get(f"/events/feed/{coordinator.feed_token}.ics")) == [LINK]


def test_event_page_shows_the_link_only_to_confirmed_participants_and_coordinators(client_as, coordinator):
    event = _webinar()
    participant = RegistrationFactory(event=event).user
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED).user

    def page(user):
        response = client_as(user).get(f"/events/{event.pk}/")
        assert response.status_code == 200
        return response.content.decode()

    assert LINK not in page(None)
    assert LINK not in page(UserFactory())
    assert LINK not in page(waiting)
    assert LINK in page(participant)
    assert LINK in page(coordinator)


def test_event_api_does_not_carry_the_link(client_as):
    event = _webinar()
    participant = RegistrationFactory(event=event).user

    for user in (None, participant):
        client = client_as(user)
        assert LINK not in client.get("/api/v1/events/").content.decode()
        assert LINK not in client.get(f"/api/v1/events/{event.pk}/").content.decode()
