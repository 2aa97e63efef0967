"""Issue 19, part 4 and 6: follows and notifications in the API, with the pages' permissions."""

import pytest

from notifications import kinds, services
from notifications.models import Follow, Notification
from tests.factories import PilotFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_follows_are_listed_created_and_deleted_by_their_owner(client_as, stakeholder, official, region):
    services.follow(official, region)
    client = client_as(stakeholder)

    created = client.post(
        "/api/v1/follows/", {"kind": "region", "target_id": region.pk}, content_type="application/json"
    )
    again = client.post("/api/v1/follows/", {"kind": "region", "target_id": region.pk}, content_type="application/json")
    listed = client.get("/api/v1/follows/").json()
    theirs = Follow.objects.get(user=official)
    denied = client.delete(f"/api/v1/follows/{theirs.pk}/")
    deleted = client.delete(f"/api/v1/follows/{created.json()['id']}/")

    assert created.status_code == 201
    assert created.json()["title"] == str(region)
    assert again.json()["id"] == created.json()["id"]
    assert [(f["kind"], f["target_id"]) for f in listed["results"]] == [("region", region.pk)]
    assert (denied.status_code, deleted.status_code) == (404, 204)
    assert list(Follow.objects.values_list("user_id", flat=True)) == [official.pk]


def test_following_the_invisible_is_a_field_error(client_as, stakeholder, region):
    draft = PilotFactory(regions=[region], status="draft")

    response = client_as(stakeholder).post(
        "/api/v1/follows/", {"kind": "pilot", "target_id": draft.pk}, content_type="application/json"
    )
    unknown = client_as(stakeholder).post(
        "/api/v1/follows/", {"kind": "planet", "target_id": 1}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "target_id" in response.json()
    assert unknown.status_code == 400
    assert "kind" in unknown.json()


def test_anonymous_gets_no_follows_or_notifications(client):
    assert client.get("/api/v1/follows/").status_code in (401, 403)
    assert client.get("/api/v1/notifications/").status_code in (401, 403)
    assert client.post("/api/v1/follows/", {}).status_code in (401, 403)


def test_notifications_are_own_only_and_marked_read(client_as, stakeholder, official, region):
    services.notify_users(
        [stakeholder, official], kinds.EVENT_ANNOUNCED, about=region, actor=UserFactory(username="ann")
    )
    mine = Notification.objects.get(recipient=stakeholder)
    theirs = Notification.objects.get(recipient=official)
    client = client_as(stakeholder)

    listed = client.get("/api/v1/notifications/").json()
    denied = client.post(f"/api/v1/notifications/{theirs.pk}/read/")
    read = client.post(f"/api/v1/notifications/{mine.pk}/read/")
    all_read = client.post("/api/v1/notifications/read-all/")

    assert [n["id"] for n in listed["results"]] == [mine.pk]
    assert listed["results"][0]["message"] == f"ann announced an event: {region}"
    assert listed["results"][0]["url"] == region.get_absolute_url()
    assert denied.status_code == 404
    assert read.json()["read_at"] is not None
    assert all_read.json() == {"marked": 0}
