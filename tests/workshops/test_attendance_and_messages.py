"""Check-in at the door, the sign-in sheet and badges, messages to participants, findings settled at an event."""

import pytest
from django.core import mail

from mapping.models import Finding
from tests.factories import EventFactory, FindingFactory, RegionFactory, RegistrationFactory, UserFactory
from workshops import services, tasks
from workshops.models import Event, EventMessage, Registration

pytestmark = pytest.mark.django_db


def test_check_in_ticks_and_unticks_an_arrival_and_outcomes_show_it(client_as, coordinator):
    event = EventFactory()
    ann = RegistrationFactory(event=event, user=UserFactory(first_name="Ann", last_name="Aalto"), organisation="OYS")
    RegistrationFactory(event=event, user=UserFactory(first_name="Bob", last_name="Berg"))
    client = client_as(coordinator)

    client.post(f"/events/{event.pk}/check-in/{ann.pk}/", {"arrived": "1"})
    page = client.get(f"/events/{event.pk}/check-in/").content.decode()
    outcomes = client.get(f"/events/{event.pk}/outcomes/").content.decode()

    ann.refresh_from_db()
    assert ann.checked_in_at is not None
    assert "1 of 2 arrived" in page
    assert "1 of 2 confirmed participants attended." in outcomes and "Ann Aalto" in outcomes

    client.post(f"/events/{event.pk}/check-in/{ann.pk}/", {"arrived": "0"})
    ann.refresh_from_db()
    assert ann.checked_in_at is None


def test_check_in_search_narrows_by_name_or_organisation(client_as, coordinator):
    event = EventFactory()
    RegistrationFactory(event=event, user=UserFactory(first_name="Ann", last_name="Aalto"))
    RegistrationFactory(event=event, user=UserFactory(first_name="Bob", last_name="Berg"), organisation="Tays")

    page = client_as(coordinator).get(f"/events/{event.pk}/check-in/?q=tays").content.decode()

    assert "Bob Berg" in page and "Ann Aalto" not in page


def test_check_in_list_comes_in_pages_and_a_tick_returns_to_its_page(client_as, coordinator):
    event = EventFactory(capacity=100)
    people = [
        RegistrationFactory(event=event, user=UserFactory(first_name="P", last_name=f"Person{i:02d}"))
        for i in range(60)
    ]
    client = client_as(coordinator)

    first = client.get(f"/events/{event.pk}/check-in/").content.decode()
    second = client.get(f"/events/{event.pk}/check-in/?page=2").content.decode()
    response = client.post(f"/events/{event.pk}/check-in/{people[55].pk}/", {"arrived": "1", "page": "2"})

    assert "Person00" in first and "Person49" in first and "Person50" not in first
    assert "Person50" in second and "Person59" in second and "Person49" not in second
    assert "Page 1 of 2" in first and "0 of 60 arrived" in first
    assert response.status_code == 302 and response["Location"].endswith(f"?page=2#r{people[55].pk}")


def test_only_confirmed_participants_are_checked_in():
    registration = RegistrationFactory(status=Registration.Status.WAITLISTED)

    with pytest.raises(Exception, match="Only confirmed participants"):
        services.registration_check_in(registration=registration, by=UserFactory())


def test_participants_cannot_check_themselves_in(client_as):
    user = UserFactory()
    registration = RegistrationFactory(user=user)

    response = client_as(user).post(f"/events/{registration.event_id}/check-in/{registration.pk}/")

    registration.refresh_from_db()
    assert response.status_code == 403 and registration.checked_in_at is None


def test_check_in_page_queries_do_not_grow(client_as, coordinator, django_assert_num_queries):
    event = EventFactory()
    client = client_as(coordinator)
    RegistrationFactory(event=event)
    client.get(f"/events/{event.pk}/check-in/")
    with django_assert_num_queries(_count(client, event)):
        for _ in range(20):
            RegistrationFactory(event=event)
        client.get(f"/events/{event.pk}/check-in/")


def _count(client, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(f"/events/{event.pk}/check-in/")
    return len(queries) + 20 * _factory_queries()


def _factory_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory()
    with CaptureQueriesContext(connection) as queries:
        RegistrationFactory(event=event)
    return len(queries)


def test_sign_in_sheet_and_badges(client_as, coordinator):
    event = EventFactory(title="Oulu workshop")
    RegistrationFactory(event=event, user=UserFactory(first_name="Ann", last_name="Aalto"))
    client = client_as(coordinator)

    sheet = client.get(f"/events/{event.pk}/sign-in-sheet/")
    badges = client.get(f"/events/{event.pk}/badges.pdf")

    assert "Ann Aalto" in sheet.content.decode() and "Signature" in sheet.content.decode()
    assert badges["Content-Type"] == "application/pdf" and badges.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ("all", ["confirmed@x.org", "in@x.org", "offered@x.org", "waiting@x.org"]),
        ("confirmed", ["confirmed@x.org", "in@x.org"]),
        ("waiting", ["offered@x.org", "waiting@x.org"]),
        ("checked_in", ["in@x.org"]),
    ],
)
def test_message_reaches_its_audience_once_in_each_language(
    coordinator, django_capture_on_commit_callbacks, eager_tasks, audience, expected
):
    from django.utils import timezone

    event = EventFactory(title="Oulu workshop")
    RegistrationFactory(event=event, user=UserFactory(email="confirmed@x.org", language="fr"))
    RegistrationFactory(event=event, user=UserFactory(email="in@x.org"), checked_in_at=timezone.now())
    RegistrationFactory(event=event, user=UserFactory(email="offered@x.org"), status="offered")
    RegistrationFactory(event=event, user=UserFactory(email="waiting@x.org"), status="waitlisted")
    RegistrationFactory(event=event, user=UserFactory(email="gone@x.org"), status="cancelled")

    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_send(
            event=event, audience=audience, subject="Bring your badge", body="See you at nine.", by=coordinator
        )

    message.refresh_from_db()
    assert sorted(m.to[0] for m in mail.outbox) == expected
    assert message.sent_at is not None and message.recipient_count == len(expected)
    assert all("See you at nine." in m.body for m in mail.outbox)
    # Delivered again (a worker lost mid-task): nothing goes out twice.
    assert tasks.message_deliver(message_id=message.pk) == 0
    if audience == "confirmed":
        french = next(m for m in mail.outbox if m.to == ["confirmed@x.org"])
        english = next(m for m in mail.outbox if m.to == ["in@x.org"])
        assert french.body.split("\n")[0] != english.body.split("\n")[0]


def test_message_page_queues_logs_and_keeps_input_on_error(client_as, coordinator, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event)
    client = client_as(coordinator)

    bad = client.post(f"/events/{event.pk}/messages/", {"audience": "confirmed", "subject": "Hello", "body": ""})
    with django_capture_on_commit_callbacks():
        client.post(f"/events/{event.pk}/messages/", {"audience": "confirmed", "subject": "Hello", "body": "Hi"})
    log = client.get(f"/events/{event.pk}/messages/").content.decode()

    assert bad.status_code == 400 and 'value="Hello"' in bad.content.decode()
    assert EventMessage.objects.get().sent_by == coordinator
    assert "Hello" in log


def test_outcomes_confirm_or_close_a_host_region_finding(client_as, coordinator):
    region = RegionFactory()
    event = EventFactory(kind=Event.Kind.WORKSHOP, host_regions=[region])
    suggested = FindingFactory(region=region, kind=Finding.Kind.GAP, status=Finding.Status.SUGGESTED)
    confirmed = FindingFactory(region=region, kind=Finding.Kind.BARRIER)
    elsewhere = FindingFactory(kind=Finding.Kind.BARRIER)
    client = client_as(coordinator)

    client.post(f"/events/{event.pk}/outcomes/", {"action": "settle", "finding": suggested.pk, "status": "confirmed"})
    client.post(f"/events/{event.pk}/outcomes/", {"action": "settle", "finding": confirmed.pk, "status": "dismissed"})
    client.post(f"/events/{event.pk}/outcomes/", {"action": "settle", "finding": elsewhere.pk, "status": "dismissed"})

    for finding in (suggested, confirmed, elsewhere):
        finding.refresh_from_db()
    assert suggested.status == Finding.Status.CONFIRMED
    assert confirmed.status == Finding.Status.DISMISSED
    assert elsewhere.status == Finding.Status.CONFIRMED
