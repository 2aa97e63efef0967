"""Issue 19, part 4: follow buttons, the notification list, the header's unread count, hooks."""

import pytest
from django.urls import reverse

from notifications import kinds, services
from notifications.models import Follow, Notification
from roadmap import services as roadmap_services
from tests.factories import EventFactory, PilotFactory, UserFactory, published_module
from workshops import services as workshop_services

pytestmark = pytest.mark.django_db


def follow(client, key, pk, path="/notifications/follow/"):
    return client.post(path, {"key": key, "id": pk, "next": "/somewhere/"})


def test_following_a_region_from_its_profile_works_without_javascript(client_as, stakeholder, region):
    client = client_as(stakeholder)
    page = client.get(region.get_absolute_url())
    assert 'action="/notifications/follow/"' in page.content.decode()

    response = follow(client, "region", region.pk)

    assert (response.status_code, response["Location"]) == (302, "/somewhere/")
    assert services.is_following(stakeholder, region)
    assert 'action="/notifications/unfollow/"' in client.get(region.get_absolute_url()).content.decode()


def test_unfollow_removes_the_follow(client_as, stakeholder, region):
    services.follow(stakeholder, region)

    follow(client_as(stakeholder), "region", region.pk, path="/notifications/unfollow/")

    assert not services.is_following(stakeholder, region)


def test_anonymous_visitors_are_asked_to_sign_in(client, region, page_cache_off):
    page = client.get(region.get_absolute_url()).content.decode()

    assert "/notifications/follow/" not in page
    assert follow(client, "region", region.pk).status_code == 302
    assert Follow.objects.count() == 0


def test_follow_needs_csrf(stakeholder, region):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(stakeholder)

    assert follow(client, "region", region.pk).status_code == 403


def test_modules_pilots_and_events_can_be_followed(client_as, stakeholder, region):
    module = published_module("GOV-01", themes=["GOV"])
    pilot = PilotFactory(regions=[region])
    event = EventFactory(host_regions=[region])
    client = client_as(stakeholder)

    for key, target in [("module", module), ("pilot", pilot), ("event", event)]:
        assert follow(client, key, target.pk).status_code == 302

    assert Follow.objects.filter(user=stakeholder).count() == 3


def test_what_one_may_not_see_cannot_be_followed(client_as, stakeholder, region):
    draft_pilot = PilotFactory(regions=[region], status="draft")
    planned = EventFactory(host_regions=[region], status="planned")
    client = client_as(stakeholder)

    answers = [
        follow(client, "pilot", draft_pilot.pk).status_code,
        follow(client, "event", planned.pk).status_code,
        follow(client, "nonsense", region.pk).status_code,
        follow(client, "region", "abc").status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert Follow.objects.count() == 0


def test_the_list_shows_own_notifications_and_marks_them_read(client_as, stakeholder, official, region):
    services.notify_users([stakeholder, official], kinds.EVENT_ANNOUNCED, about=region, actor=UserFactory())
    mine = Notification.objects.get(recipient=stakeholder)
    theirs = Notification.objects.get(recipient=official)
    client = client_as(stakeholder)

    page = client.get(reverse("notifications:list"))
    denied = client.post(reverse("notifications:read", args=[theirs.pk]))
    read = client.post(reverse("notifications:read", args=[mine.pk]))

    assert str(region) in page.content.decode()
    assert denied.status_code == 404
    assert read.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None
    stakeholder.refresh_from_db()
    official.refresh_from_db()
    assert (stakeholder.unread_notifications, official.unread_notifications) == (0, 1)


def test_mark_all_read(client_as, stakeholder, region):
    for _ in range(3):
        services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region)

    client_as(stakeholder).post(reverse("notifications:read-all"))

    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    stakeholder.refresh_from_db()
    assert stakeholder.unread_notifications == 0


def test_the_header_shows_the_unread_count_to_signed_in_users_only(
    client_as, stakeholder, region, page_cache_off, django_assert_num_queries
):
    services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region)
    services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region)
    client = client_as(stakeholder)
    client.get(reverse("accounts:preferences"))

    with django_assert_num_queries(2):  # the session and the user, which carries the count
        signed_in = client.get(reverse("accounts:preferences")).content.decode()
    anonymous = client_as(None).get("/").content.decode()

    assert '<span class="badge" aria-label="2 unread">2</span>' in signed_in
    assert "notifications-link" not in anonymous


def test_the_list_costs_the_same_queries_for_few_and_many(
    client_as, stakeholder, region, django_assert_max_num_queries
):
    client = client_as(stakeholder)
    services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region)
    client.get(reverse("notifications:list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    for _ in range(20):
        services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=EventFactory(host_regions=[region]))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("notifications:list"))

    assert len(many) <= len(few) + 1  # one more kind of `about` object (events), fetched in one query


# Hooks --------------------------------------------------------------------------------------------


def test_publishing_a_roadmap_notifies_the_regions_followers(stakeholder, official, region):
    services.follow(stakeholder, region)
    module = published_module("GOV-01", themes=["GOV"])
    roadmap = roadmap_services.roadmap_for_region(region=region)
    roadmap_services.roadmap_item_add(roadmap=roadmap, module=module, phase=1, lock_version=None, by=official)

    version = roadmap_services.roadmap_publish(roadmap=roadmap, by=official)

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind, notification.about, notification.actor) == (
        stakeholder,
        kinds.ROADMAP_PUBLISHED,
        version,
        official,
    )
    assert notification.link == f"/roadmap/regions/{region.code}/"


def test_confirming_an_event_notifies_the_host_regions_followers_once(stakeholder, coordinator, region, other_region):
    services.follow(stakeholder, region)
    services.follow(stakeholder, other_region)
    event = EventFactory(host_regions=[region, other_region], status="planned")

    workshop_services.event_confirm(event=event, by=coordinator)

    assert list(Notification.objects.values_list("recipient_id", "kind", "about_id")) == [
        (stakeholder.pk, kinds.EVENT_ANNOUNCED, event.pk)
    ]
