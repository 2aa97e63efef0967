from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Notification
from participation import services
from participation.models import AbuseReport, BestPractice, Endorsement
from participation.throttle import RateLimited
from tests.factories import FindingFactory, UserFactory, seed_theme

pytestmark = pytest.mark.django_db


def test_consultation_open_freezes_the_draft_and_tells_the_region_followers(draft_roadmap, official, stakeholder):
    notifications.follow(stakeholder, draft_roadmap.region)
    today = timezone.localdate()

    consultation = services.consultation_open(
        roadmap=draft_roadmap, title="Draft", start_date=today, end_date=today + timedelta(days=7), by=official
    )

    assert consultation.item_codes() == ["DATA-01", "EDU-01"]
    assert consultation.is_open
    assert list(Notification.objects.filter(recipient=stakeholder).values_list("kind", flat=True)) == [
        "consultation_opened"
    ]


def test_consultation_open_refuses_a_second_running_one(consultation, draft_roadmap, official):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.consultation_open(
            roadmap=draft_roadmap, title="Again", start_date=today, end_date=today + timedelta(days=3), by=official
        )


def test_reply_notifies_the_author_and_a_region_answer_says_so(consultation, stakeholder, official):
    comment = services.comment_create(
        consultation=consultation, author=stakeholder, body="Add the biobank", item_code="DATA-01"
    )

    reply = services.comment_create(
        consultation=consultation, author=official, body="We will.", parent=comment, as_region_answer=True
    )
    other = UserFactory()
    services.comment_create(consultation=consultation, author=other, body="Agreed", parent=comment)

    assert reply.item_code == "DATA-01"
    kinds = list(Notification.objects.filter(recipient=stakeholder).order_by("id").values_list("kind", flat=True))
    assert kinds == ["region_answer", "comment_reply"]


def test_only_the_region_officials_answer_for_the_region(consultation, stakeholder, other_official):
    with pytest.raises(ValidationError):
        services.comment_create(consultation=consultation, author=other_official, body="x", as_region_answer=True)


def test_comment_on_an_unknown_item_or_a_closed_consultation_is_refused(consultation, stakeholder, official):
    with pytest.raises(ValidationError):
        services.comment_create(consultation=consultation, author=stakeholder, body="x", item_code="NOPE-01")
    services.consultation_close(consultation=consultation, by=official)
    with pytest.raises(ValidationError):
        services.comment_create(consultation=consultation, author=stakeholder, body="x")


def test_endorsement_is_once_per_person_and_item(consultation, stakeholder):
    services.endorsement_create(consultation=consultation, item_code="DATA-01", user=stakeholder)
    with pytest.raises(ValidationError):
        services.endorsement_create(consultation=consultation, item_code="DATA-01", user=stakeholder)

    assert services.endorsement_toggle(consultation=consultation, item_code="DATA-01", user=stakeholder) is False
    assert Endorsement.objects.count() == 0


def test_comments_are_rate_limited(consultation, stakeholder, settings):
    settings.COMMENT_RATE_LIMIT = 2
    for n in range(2):
        services.comment_create(consultation=consultation, author=stakeholder, body=f"c{n}")
    with pytest.raises(RateLimited):
        services.comment_create(consultation=consultation, author=stakeholder, body="one too many")


def test_blocked_user_cannot_comment_and_hiding_handles_reports(consultation, stakeholder, coordinator):
    comment = services.comment_create(consultation=consultation, author=stakeholder, body="rude")
    reporter = UserFactory()
    report = services.abuse_report_create(comment=comment, reporter=reporter, reason="insulting")

    services.comment_hide(comment=comment, reason="Insults", by=coordinator)
    services.user_block(user=stakeholder, reason="Repeated insults", by=coordinator)
    stakeholder = type(stakeholder).objects.get(pk=stakeholder.pk)

    report.refresh_from_db()
    assert report.outcome == AbuseReport.Outcome.HIDDEN
    with pytest.raises(ValidationError):
        services.comment_create(consultation=consultation, author=stakeholder, body="again")


def test_best_practice_from_finding_is_reviewed_then_published_to_module_followers(region, coordinator, stakeholder):
    from tests.factories import published_module

    module = published_module("GEN-01", themes=["DATA"])
    finding = FindingFactory(region=region, theme=seed_theme("DATA"), kind="strength", title="Strong biobank")
    notifications.follow(stakeholder, module)

    practice = services.best_practice_from_finding(finding=finding, by=coordinator)
    again = services.best_practice_from_finding(finding=finding, by=coordinator)
    services.best_practice_submit(practice=practice, by=coordinator)
    services.best_practice_publish(practice=practice, by=coordinator)

    assert again.pk == practice.pk
    assert list(practice.modules.values_list("code", flat=True)) == ["GEN-01"]
    assert BestPractice.objects.get().status == "published"
    assert list(Notification.objects.filter(recipient=stakeholder).values_list("kind", flat=True)) == [
        "best_practice_published"
    ]


def test_a_gap_cannot_be_promoted(region, coordinator):
    finding = FindingFactory(region=region, theme=seed_theme("DATA"), kind="gap")
    with pytest.raises(ValidationError):
        services.best_practice_from_finding(finding=finding, by=coordinator)


def test_interest_in_a_pilot_reaches_its_region_officials_and_the_reply_the_sender(region, official, stakeholder):
    from tests.factories import PilotFactory

    pilot = PilotFactory(slug="p1", regions=[region], status="running")

    interest = services.interest_create(user=stakeholder, message="We can help", share_contact=True, pilot=pilot)
    services.interest_reply(interest=interest, by=official, reply="Welcome", share_contact=False)

    assert list(Notification.objects.filter(recipient=official).values_list("kind", flat=True)) == ["interest_received"]
    assert list(Notification.objects.filter(recipient=stakeholder).values_list("kind", flat=True)) == ["interest_reply"]


def test_someone_else_cannot_reply_to_an_interest(region, stakeholder, other_official):
    from tests.factories import PilotFactory

    interest = services.interest_create(
        user=stakeholder, message="x", share_contact=False, pilot=PilotFactory(slug="p2", regions=[region])
    )
    with pytest.raises(ValidationError):
        services.interest_reply(interest=interest, by=other_official, reply="no", share_contact=False)
