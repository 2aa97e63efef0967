import pytest
from django.urls import reverse

from participation import services
from participation.models import Comment, Endorsement

pytestmark = pytest.mark.django_db


def test_comment_list_is_public_and_hides_hidden_bodies(client_as, consultation, stakeholder, coordinator):
    services.comment_create(consultation=consultation, author=stakeholder, body="Fine")
    rude = services.comment_create(consultation=consultation, author=stakeholder, body="Rude")
    services.comment_hide(comment=rude, reason="Offensive", by=coordinator)

    data = client_as(None).get(reverse("comment-list"), {"consultation": consultation.pk}).json()

    rows = data["results"] if isinstance(data, dict) else data
    assert [(r["body"], r["hidden_reason"]) for r in rows] == [("Fine", ""), ("", "Offensive")]


def test_comment_create_needs_sign_in_and_an_open_consultation(client_as, consultation, stakeholder, official):
    url = reverse("comment-list")
    payload = {"consultation": consultation.pk, "item_code": "DATA-01", "body": "Via the API"}

    assert client_as(None).post(url, payload, content_type="application/json").status_code in (401, 403)
    created = client_as(stakeholder).post(url, payload, content_type="application/json")
    services.consultation_close(consultation=consultation, by=official)
    closed = client_as(stakeholder).post(url, payload, content_type="application/json")

    assert created.status_code == 201
    assert created.json()["item_code"] == "DATA-01"
    assert closed.status_code == 403
    assert Comment.objects.count() == 1


def test_comment_on_unknown_item_is_a_field_error(client_as, consultation, stakeholder):
    response = client_as(stakeholder).post(
        reverse("comment-list"),
        {"consultation": consultation.pk, "item_code": "NOPE", "body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "item_code" in response.json()


def test_endorsement_twice_is_refused_and_rate_limit_answers_429(client_as, consultation, stakeholder, settings):
    url = reverse("endorsement-list")
    client = client_as(stakeholder)
    payload = {"consultation": consultation.pk, "item_code": "DATA-01"}

    first = client.post(url, payload, content_type="application/json")
    second = client.post(url, payload, content_type="application/json")
    settings.ENDORSEMENT_RATE_LIMIT = 1
    third = client.post(url, {**payload, "item_code": "EDU-01"}, content_type="application/json")

    assert (first.status_code, second.status_code, third.status_code) == (201, 400, 429)
    assert Endorsement.objects.count() == 1


def test_roadmap_search_api_finds_published_best_practices_only(client_as, region, coordinator):
    from tests.factories import published_module

    module = published_module("GEN-01")
    shown = services.best_practice_save(
        by=coordinator, region=region, title="Sequencing newborns", what_was_done="x", modules=[module]
    )
    services.best_practice_publish(practice=shown, by=coordinator)
    services.best_practice_save(by=coordinator, region=region, title="Sequencing drafts", what_was_done="x")

    data = client_as(None).get(reverse("roadmap-search"), {"q": "sequencing"}).json()

    assert [(r["title"], r["url"]) for r in data["other"]] == [("Sequencing newborns", shown.get_absolute_url())]
