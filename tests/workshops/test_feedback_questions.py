"""Feedback that counts: questions per event kind, the answers summarised on the outcomes page and exported."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventFactory, RegistrationFactory, UserFactory
from workshops import services
from workshops.models import Event, FeedbackQuestion

pytestmark = pytest.mark.django_db


def _started_workshop():
    start = timezone.now() - timedelta(hours=1)
    return EventFactory(kind=Event.Kind.WORKSHOP, starts_at=start, ends_at=start + timedelta(hours=3))


def test_coordinator_sets_questions_per_kind_and_participants_answer_them(client_as, coordinator):
    client_as(coordinator).post(
        "/events/feedback-questions/", {"kind": "workshop", "text": "Was the venue easy to reach?", "answer": "rating"}
    )
    client_as(coordinator).post(
        "/events/feedback-questions/",
        {"kind": "workshop", "text": "One thing to change?", "answer": "text", "required": "on"},
    )
    client_as(coordinator).post(
        "/events/feedback-questions/", {"kind": "webinar", "text": "Was the sound clear?", "answer": "rating"}
    )
    event = _started_workshop()
    user = UserFactory()
    RegistrationFactory(event=event, user=user)
    venue, change = FeedbackQuestion.objects.filter(kind="workshop").order_by("order")
    client = client_as(user)

    form = client.get(f"/events/{event.pk}/feedback/").content.decode()
    missing = client.post(f"/events/{event.pk}/feedback/", {"rating": 4, f"question_{venue.pk}": 2})
    client.post(
        f"/events/{event.pk}/feedback/",
        {"rating": 4, f"question_{venue.pk}": 2, f"question_{change.pk}": "Longer breaks"},
    )

    assert "Was the venue easy to reach?" in form and "Was the sound clear?" not in form
    assert missing.status_code == 200 and "This field is required." in missing.content.decode()
    feedback = event.feedback.get()
    assert {(a.question_id, a.rating, a.text) for a in feedback.answers.all()} == {
        (venue.pk, 2, ""),
        (change.pk, None, "Longer breaks"),
    }


def test_outcomes_summarise_and_export_the_answers(client_as, coordinator):
    event = _started_workshop()
    question = FeedbackQuestion.objects.create(kind="workshop", text="Was the venue easy to reach?")
    for rating in (2, 5):
        user = UserFactory()
        RegistrationFactory(event=event, user=user)
        services.feedback_submit(event=event, user=user, rating=4, answers={question.pk: rating})
    client = client_as(coordinator)

    outcomes = client.get(f"/events/{event.pk}/outcomes/").content.decode()
    export = client.get(f"/events/{event.pk}/feedback.csv").content.decode("utf-8-sig").splitlines()

    assert "Was the venue easy to reach?" in outcomes and "3.5 / 5 from 2 answers" in outcomes
    assert export[0].endswith("Was the venue easy to reach?")
    assert sorted(line.rsplit(",", 1)[1] for line in export[1:]) == ["2", "5"]


def test_retired_question_is_no_longer_asked_but_keeps_its_answers(client_as, coordinator):
    event = _started_workshop()
    question = FeedbackQuestion.objects.create(kind="workshop", text="Was the venue easy to reach?")
    user = UserFactory()
    RegistrationFactory(event=event, user=user)
    services.feedback_submit(event=event, user=user, rating=4, answers={question.pk: 3})

    client_as(coordinator).post(f"/events/feedback-questions/{question.pk}/retire/")

    form = client_as(user).get(f"/events/{event.pk}/feedback/").content.decode()
    assert "Was the venue easy to reach?" not in form
    assert event.feedback.get().answers.count() == 1


def test_out_of_range_rating_answer_is_refused():
    event = _started_workshop()
    question = FeedbackQuestion.objects.create(kind="workshop", text="Venue?")

    with pytest.raises(Exception, match="Rate from 1 to 5"):
        services.feedback_submit(event=event, user=UserFactory(), rating=4, answers={question.pk: 9})
