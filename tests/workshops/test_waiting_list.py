"""Waiting list: the reason and place a registrant is told, seat offers that lapse, promotion by hand."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import EventFactory, RegistrationFactory, UserFactory
from workshops import services, tasks
from workshops.models import Registration, SeatQuota

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def _register(client, event, kind):
    return client.post(f"/events/{event.pk}/register/", {"stakeholder_kind": kind}, follow=True)


def test_quota_waitlisting_names_the_quota_and_the_place_not_a_full_event(client_as):
    event = EventFactory(capacity=2)
    SeatQuota.objects.create(event=event, stakeholder_kind="patients", seats=1)
    _register(client_as(UserFactory()), event, "patients")

    page = _register(client_as(UserFactory()), event, "patients").content.decode()

    assert "The event is full" not in page
    assert "The 1 seats for patient organisations are taken" in page
    assert "you are number 1 on the waiting list" in page
    assert "1 of 2 taken" in page


def test_full_event_waitlisting_says_full_with_the_place(client_as):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waitlisted", registered_at=timezone.now() - timedelta(minutes=1))

    page = _register(client_as(UserFactory()), event, "clinicians").content.decode()

    assert "The event is full: you are number 2 on the waiting list." in page


def test_waiting_list_email_names_the_reason(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=3)
    SeatQuota.objects.create(event=event, stakeholder_kind="industry", seats=1)
    RegistrationFactory(event=event, stakeholder_kind="industry")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=UserFactory(email="x@example.org"), stakeholder_kind="industry")

    assert "seats for industry are taken" in mail.outbox[-1].body
    assert "number 1 on the waiting list" in mail.outbox[-1].body


def test_cancelling_with_offers_holds_the_seat_for_the_next_person(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1, offer_hours=12)
    seated = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=seated, now=now)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED
    assert waiting.offer_expires_at == now + timedelta(hours=12)
    assert "held for you until" in mail.outbox[-1].body
    # The offered seat counts as taken: a newcomer waits.
    newcomer = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="other")
    assert newcomer.status == Registration.Status.WAITLISTED


def test_accepting_an_offer_confirms_the_seat():
    event = EventFactory(capacity=1, offer_hours=12)
    offered = RegistrationFactory(event=event, status="offered", offer_expires_at=timezone.now() + timedelta(hours=1))

    services.offer_accept(registration=offered)

    offered.refresh_from_db()
    assert offered.status == Registration.Status.CONFIRMED
    assert offered.offer_expires_at is None


def test_a_lapsed_offer_goes_to_the_next_person_and_cannot_be_accepted(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1, offer_hours=2)
    now = timezone.now()
    late = RegistrationFactory(event=event, status="offered", offer_expires_at=now - timedelta(minutes=1))
    nextone = RegistrationFactory(event=event, status="waitlisted", registered_at=now - timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        lapsed = tasks.expire_offers()

    late.refresh_from_db()
    nextone.refresh_from_db()
    assert lapsed == 1
    assert late.status == Registration.Status.WAITLISTED
    assert nextone.status == Registration.Status.OFFERED
    assert {m.subject.split(":")[0] for m in mail.outbox} == {"Seat offer lapsed", "A seat is offered to you"}
    with pytest.raises(Exception, match="no seat offered"):
        services.offer_accept(registration=late)
    # A second sweep finds nothing more to do.
    assert tasks.expire_offers() == 0


def test_offer_accept_after_the_deadline_is_refused_before_the_sweep():
    event = EventFactory(capacity=1, offer_hours=1)
    offered = RegistrationFactory(event=event, status="offered", offer_expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(Exception, match="lapsed"):
        services.offer_accept(registration=offered)


def test_coordinator_promotes_by_hand_past_the_quota_but_not_past_capacity(client_as, coordinator):
    event = EventFactory(capacity=2)
    SeatQuota.objects.create(event=event, stakeholder_kind="patients", seats=1)
    RegistrationFactory(event=event, stakeholder_kind="patients")
    waiting = RegistrationFactory(event=event, stakeholder_kind="patients", status="waitlisted")
    third = RegistrationFactory(event=event, status="waitlisted")
    client = client_as(coordinator)

    client.post(f"/events/{event.pk}/registrations/{waiting.pk}/promote/")
    page = client.post(f"/events/{event.pk}/registrations/{third.pk}/promote/", follow=True).content.decode()

    waiting.refresh_from_db()
    third.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    assert "Every seat is taken: raise the capacity first." in page


def test_participants_cannot_promote_themselves(client_as):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    user = UserFactory()
    waiting = RegistrationFactory(event=event, user=user, status="waitlisted")

    response = client_as(user).post(f"/events/{event.pk}/registrations/{waiting.pk}/promote/")

    waiting.refresh_from_db()
    assert response.status_code == 403
    assert waiting.status == Registration.Status.WAITLISTED


def test_cancelling_a_past_event_registration_is_not_offered_nor_allowed(client_as):
    past = timezone.now() - timedelta(days=2)
    event = EventFactory(starts_at=past, ends_at=past + timedelta(hours=2))
    user = UserFactory()
    registration = RegistrationFactory(event=event, user=user)
    client = client_as(user)

    page = client.get(f"/events/{event.pk}/").content.decode()
    response = client.post(f"/events/{event.pk}/unregister/")
    api = client.delete(f"/api/v1/registrations/{registration.pk}/")

    registration.refresh_from_db()
    assert "Cancel my registration" not in page
    assert response.status_code == 403
    assert api.status_code == 403
    assert registration.status == Registration.Status.CONFIRMED


def test_cancelling_asks_for_confirmation_first(client_as, coordinator):
    event = EventFactory()
    user = UserFactory()
    registration = RegistrationFactory(event=event, user=user)
    client = client_as(user)

    confirm_page = client.get(f"/events/{event.pk}/unregister/")
    staff_page = client_as(coordinator).get(f"/events/{event.pk}/registrations/{registration.pk}/cancel/")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert "Yes, cancel my registration" in confirm_page.content.decode()
    assert "Yes, cancel this registration" in staff_page.content.decode()

    client.post(f"/events/{event.pk}/unregister/")

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
