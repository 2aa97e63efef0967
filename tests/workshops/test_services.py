from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from mapping.models import Finding
from tests.factories import (
    EventFactory,
    FindingFactory,
    RegionFactory,
    RegistrationFactory,
    UserFactory,
    VoteOptionFactory,
    VotingRoundFactory,
    seed_theme,
)
from workshops import selectors, services
from workshops.models import Event, EventFinding, Registration, ReminderSent, SeatQuota, VotingRound
from workshops.selectors import region_priorities
from workshops.timezones import local_to_utc

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    fields = {
        "kind": Event.Kind.WORKSHOP,
        "title": "Barriers in rural regions",
        "starts_at": start,
        "ends_at": start + timedelta(hours=4),
        "timezone": "Europe/Helsinki",
        "venue": "Oulu University Hospital",
        "capacity": 20,
    }
    return fields | overrides


def test_event_create_stores_utc_and_adds_creator_as_coordinator(coordinator, region):
    event = services.event_create(created_by=coordinator, host_regions=[region], **_fields())

    assert event.status == Event.Status.PLANNED
    assert list(event.coordinators.all()) == [coordinator]
    assert list(event.host_regions.all()) == [region]
    assert event.starts_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "start"}, "ends_at", "The event must end after it starts."),
        ({"capacity": 0}, "capacity", "Capacity must be at least 1 seat."),
        ({"registration_deadline": "after"}, "registration_deadline", "deadline must be before the event starts"),
        ({"kind": Event.Kind.WEBINAR, "online_url": ""}, "online_url", "A webinar needs an online link."),
        ({"timezone": "Mars/Olympus"}, "timezone", "Unknown time zone"),
    ],
)
def test_event_create_refuses_bad_input_with_clear_message(coordinator, region, overrides, field, message):
    fields = _fields()
    if overrides.get("ends_at") == "start":
        overrides["ends_at"] = fields["starts_at"] - timedelta(hours=1)
    if overrides.get("registration_deadline") == "after":
        overrides["registration_deadline"] = fields["starts_at"] + timedelta(hours=1)

    with pytest.raises(ValidationError) as exc:
        services.event_create(created_by=coordinator, host_regions=[region], **(fields | overrides))

    assert any(message in m for m in exc.value.message_dict[field])
    assert Event.objects.count() == 0


def test_coordinator_double_booking_is_caught_naming_the_other_event(coordinator, region, other_region):
    first = services.event_create(created_by=coordinator, host_regions=[region], **_fields(title="Oulu visit"))
    later = _fields(
        title="Antwerp workshop",
        starts_at=first.starts_at + timedelta(hours=1),
        ends_at=first.ends_at + timedelta(hours=1),
    )

    with pytest.raises(services.EventConflictError) as exc:
        services.event_create(created_by=coordinator, host_regions=[other_region], **later)

    assert "“Oulu visit”" in exc.value.messages[0]
    assert exc.value.overridable is False


def test_webinar_overlap_is_an_overridable_warning(coordinator, region, other_region):
    first = services.event_create(created_by=coordinator, host_regions=[region], **_fields())
    webinar = _fields(kind=Event.Kind.WEBINAR, online_url="https://meet.example.eu/x", starts_at=first.starts_at)
    webinar["ends_at"] = first.ends_at

    with pytest.raises(services.EventConflictError) as exc:
        services.event_create(created_by=coordinator, host_regions=[other_region], **webinar)
    assert exc.value.overridable is True

    event = services.event_create(
        created_by=coordinator, host_regions=[other_region], override_conflicts=True, **webinar
    )
    assert event.pk


def test_two_site_visits_to_one_region_at_once_cannot_be_overridden(region):
    cora, dirk = UserFactory(role=User.Role.COORDINATOR), UserFactory(role=User.Role.COORDINATOR)
    visit = _fields(kind=Event.Kind.SITE_VISIT, title="First visit")
    services.event_create(created_by=cora, host_regions=[region], **visit)

    with pytest.raises(services.EventConflictError) as exc:
        services.event_create(
            created_by=dirk, host_regions=[region], override_conflicts=True, **(visit | {"title": "Second"})
        )

    assert "“First visit”" in exc.value.messages[0]
    assert exc.value.overridable is False


def test_cancelled_events_do_not_conflict(coordinator, region):
    first = services.event_create(created_by=coordinator, host_regions=[region], **_fields())
    services.event_cancel(event=first, reason="Venue closed", by=coordinator)

    assert services.event_create(created_by=coordinator, host_regions=[region], **_fields()).pk


# Time zones around daylight-saving changes ------------------------------------------------------


def test_local_to_utc_across_spring_forward():
    # Europe/Brussels jumps from 02:00 to 03:00 on 28 March 2027.
    assert local_to_utc(datetime(2027, 3, 28, 1, 30), "Europe/Brussels") == datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    assert local_to_utc(datetime(2027, 3, 28, 3, 30), "Europe/Brussels") == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_local_to_utc_refuses_a_time_skipped_by_dst():
    with pytest.raises(ValidationError) as exc:
        local_to_utc(datetime(2027, 3, 28, 2, 30), "Europe/Brussels")
    assert "does not exist in Europe/Brussels" in exc.value.messages[0]


def test_local_to_utc_takes_first_of_a_repeated_hour():
    # 31 October 2027: 02:30 happens twice in Brussels; the first is still summer time (UTC+2).
    assert local_to_utc(datetime(2027, 10, 31, 2, 30), "Europe/Brussels") == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_event_spanning_dst_change_keeps_its_real_length(coordinator, region):
    start = local_to_utc(datetime(2027, 3, 27, 18, 0), "Europe/Brussels")
    end = local_to_utc(datetime(2027, 3, 28, 12, 0), "Europe/Brussels")

    event = services.event_create(
        created_by=coordinator,
        host_regions=[region],
        **_fields(starts_at=start, ends_at=end, timezone="Europe/Brussels"),
    )

    assert event.ends_at - event.starts_at == timedelta(hours=17)


# Registration ------------------------------------------------------------------------------------


def test_registration_confirms_then_waitlists_when_full():
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()

    a = services.registration_create(event=event, user=first)
    b = services.registration_create(event=event, user=second)

    assert (a.status, b.status) == (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def emails(callbacks) -> list:
    """The commit callbacks that send an email (others mark public pages stale)."""
    return [callback for callback in callbacks if "email_queue" in callback.__qualname__]


def test_cancelling_promotes_the_first_on_the_waiting_list_and_emails_them(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    a = services.registration_create(event=event, user=first)
    b = services.registration_create(event=event, user=second)
    c = services.registration_create(event=event, user=third)

    with django_capture_on_commit_callbacks() as callbacks:
        services.registration_cancel(registration=a)

    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status) == (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    assert b.promoted_at is not None
    assert len(emails(callbacks)) == 1  # one email: to the person promoted


def test_seat_quota_waitlists_a_group_over_its_share():
    event = EventFactory(capacity=10)
    SeatQuota.objects.create(event=event, stakeholder_kind="industry", seats=1)

    a = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="industry")
    b = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="industry")
    c = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="patients")

    assert [a.status, b.status, c.status] == ["confirmed", "waitlisted", "confirmed"]


def test_promotion_skips_a_waiting_person_whose_group_is_full():
    event = EventFactory(capacity=2)
    SeatQuota.objects.create(event=event, stakeholder_kind="industry", seats=1)
    industry = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="industry")
    payer = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="payers")
    more_industry = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="industry")
    patient = services.registration_create(event=event, user=UserFactory(), stakeholder_kind="patients")

    services.registration_cancel(registration=payer)

    statuses = {r.pk: r.status for r in Registration.objects.filter(event=event)}
    assert statuses[industry.pk] == "confirmed"
    assert statuses[more_industry.pk] == "waitlisted"
    assert statuses[patient.pk] == "confirmed"


def test_registration_closes_at_the_deadline():
    event = EventFactory()
    event.registration_deadline = event.starts_at - timedelta(days=2)
    event.save()

    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, user=UserFactory(), now=event.starts_at - timedelta(days=1))

    assert "deadline has passed" in exc.value.messages[0]


def test_registration_refused_for_planned_event_and_twice():
    planned = EventFactory(status=Event.Status.PLANNED)
    with pytest.raises(ValidationError):
        services.registration_create(event=planned, user=UserFactory())

    event, user = EventFactory(), UserFactory()
    services.registration_create(event=event, user=user)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, user=user)
    assert "already registered" in exc.value.messages[0]


def test_cancelled_registration_can_register_again_at_the_back():
    event, user = EventFactory(capacity=1), UserFactory()
    registration = services.registration_create(event=event, user=user)
    services.registration_cancel(registration=registration)
    services.registration_create(event=event, user=UserFactory())

    again = services.registration_create(event=event, user=user)

    assert again.pk == registration.pk
    assert again.status == Registration.Status.WAITLISTED


def test_event_cancel_emails_every_registrant(coordinator, django_capture_on_commit_callbacks, eager_tasks, mailoutbox):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.event_cancel(event=event, reason="Strike at the airport", by=coordinator)

    assert cancelled.status == Event.Status.CANCELLED
    assert cancelled.sequence == event.sequence + 1
    assert len(mailoutbox) == 2


def test_event_cancel_needs_a_reason(coordinator):
    with pytest.raises(ValidationError) as exc:
        services.event_cancel(event=EventFactory(), reason="  ", by=coordinator)
    assert "reason" in exc.value.message_dict


def test_moving_an_event_raises_its_sequence(coordinator, region):
    event = services.event_create(created_by=coordinator, host_regions=[region], **_fields())

    moved = services.event_update(
        event=event,
        by=coordinator,
        starts_at=event.starts_at + timedelta(days=1),
        ends_at=event.ends_at + timedelta(days=1),
    )

    assert moved.sequence == 1


# Reminders ---------------------------------------------------------------------------------------


def test_reminders_sent_once_per_registration(django_capture_on_commit_callbacks):
    now = timezone.now()
    soon = EventFactory(starts_at=now + timedelta(hours=5), ends_at=now + timedelta(hours=8))
    later = EventFactory(starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=2))
    RegistrationFactory(event=soon)
    RegistrationFactory(event=soon, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=later)

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.reminders_send_due(now=now) == 1
        assert services.reminders_send_due(now=now) == 0

    assert len(callbacks) == 1
    assert ReminderSent.objects.count() == 1


def test_reminder_lead_is_per_event():
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=30), ends_at=now + timedelta(hours=32))
    event.reminder_lead = timedelta(hours=48)
    event.save()
    RegistrationFactory(event=event)

    assert services.reminders_send_due(now=now) == 1


# Outcomes ----------------------------------------------------------------------------------------


def test_finding_recorded_at_event_lands_in_region_mapping(coordinator, region):
    event = EventFactory(host_regions=[region])

    finding = services.event_finding_record(
        event=event,
        region=region,
        theme=seed_theme("DATA"),
        kind=Finding.Kind.BARRIER,
        severity=4,
        title="No shared genomic data platform",
        by=coordinator,
    )

    assert finding.source == Finding.Source.WORKSHOP
    assert list(Finding.objects.filter(region=region)) == [finding]
    assert EventFinding.objects.get().event == event


def test_finding_for_a_region_not_hosting_is_refused(coordinator, region, other_region):
    with pytest.raises(ValidationError):
        services.event_finding_record(
            event=EventFactory(host_regions=[region]),
            region=other_region,
            theme=seed_theme("DATA"),
            kind=Finding.Kind.GAP,
            severity=2,
            title="x",
            by=coordinator,
        )


def test_attachment_type_and_size_limits():
    with pytest.raises(ValidationError) as exc:
        services.attachment_validate(name="payload.exe", size=10)
    assert ".exe" in exc.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as exc:
        services.attachment_validate(name="minutes.pdf", size=services.ATTACHMENT_MAX_BYTES + 1)
    assert "limit is 10 MB" in exc.value.message_dict["file"][0]
    services.attachment_validate(name="minutes.PDF", size=1000)


# Voting --------------------------------------------------------------------------------------------


def test_voting_round_open_from_findings_and_typed_labels(coordinator, region):
    event = EventFactory(host_regions=[region])
    finding = FindingFactory(region=region, kind=Finding.Kind.BARRIER, title="Fragmented EHRs")

    voting_round = services.voting_round_open(
        event=event,
        region=region,
        title="What first?",
        votes_per_participant=3,
        findings=[finding],
        labels=["Reimbursement of tests", "", "fragmented ehrs"],
        by=coordinator,
    )

    assert [o.label for o in voting_round.options.all()] == ["Fragmented EHRs", "Reimbursement of tests"]
    assert voting_round.options.first().theme_id == finding.theme_id


def test_voting_round_needs_two_options(coordinator, region):
    with pytest.raises(ValidationError) as exc:
        services.voting_round_open(
            event=EventFactory(host_regions=[region]),
            region=region,
            title="?",
            votes_per_participant=3,
            labels=["Only one"],
            by=coordinator,
        )
    assert "at least two" in exc.value.message_dict["labels"][0]


def test_ballot_resubmit_replaces_and_counts_once():
    option = VoteOptionFactory()
    other = VoteOptionFactory(voting_round=option.voting_round)
    user = UserFactory()

    services.ballot_submit(voting_round=option.voting_round, user=user, allocations={option.pk: 3})
    services.ballot_submit(voting_round=option.voting_round, user=user, allocations={option.pk: 3})
    services.ballot_submit(voting_round=option.voting_round, user=user, allocations={option.pk: 2, other.pk: 3})

    ranking = selectors.round_ranking(voting_round=option.voting_round)
    assert [(o.label, o.total) for o in ranking] == [(other.label, 3), (option.label, 2)]


def test_ballot_over_the_allowance_is_refused():
    option = VoteOptionFactory()

    with pytest.raises(ValidationError) as exc:
        services.ballot_submit(voting_round=option.voting_round, user=UserFactory(), allocations={option.pk: 6})

    assert "you have 5 to spread" in exc.value.message_dict["votes"][0]


def test_closing_a_round_saves_ranked_region_priorities(coordinator):
    region = RegionFactory()
    voting_round = VotingRoundFactory(event=EventFactory(host_regions=[region], title="Oulu workshop"), region=region)
    a, b, c = (VoteOptionFactory(voting_round=voting_round, label=label) for label in ["Data", "Funding", "Skills"])
    services.ballot_submit(voting_round=voting_round, user=UserFactory(), allocations={a.pk: 1, b.pk: 4})
    services.ballot_submit(voting_round=voting_round, user=UserFactory(), allocations={a.pk: 2})

    services.voting_round_close(voting_round=voting_round, by=coordinator)

    priorities = region_priorities(region_id=region.pk)
    assert [(p.rank, p.label, p.votes) for p in priorities] == [(1, "Funding", 4), (2, "Data", 3)]
    assert priorities[0].source_title == "Oulu workshop"
    voting_round.refresh_from_db()
    assert voting_round.status == VotingRound.Status.CLOSED
    with pytest.raises(ValidationError):
        services.ballot_submit(voting_round=voting_round, user=UserFactory(), allocations={c.pk: 1})


def test_region_priorities_returns_only_the_latest_round(coordinator):
    region = RegionFactory()
    for labels in (["Old A", "Old B"], ["New A", "New B"]):
        voting_round = VotingRoundFactory(event=EventFactory(host_regions=[region]), region=region)
        options = [VoteOptionFactory(voting_round=voting_round, label=label) for label in labels]
        services.ballot_submit(voting_round=voting_round, user=UserFactory(), allocations={options[0].pk: 1})
        services.voting_round_close(voting_round=voting_round, by=coordinator)

    assert [p.label for p in region_priorities(region_id=region.pk)] == ["New A"]


def test_raising_capacity_promotes_the_waiting_list(coordinator):
    event = EventFactory(capacity=1)
    services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())

    services.event_update(event=event, by=coordinator, capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
