import pytest
from django.utils import translation

from notifications import kinds, services
from notifications.models import Follow, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_follow_is_idempotent(stakeholder, region):
    first = services.follow(stakeholder, region)
    second = services.follow(stakeholder, region)

    assert first == second
    assert Follow.objects.count() == 1
    assert services.is_following(stakeholder, region) is True


def test_unfollow_removes_the_follow(stakeholder, region):
    services.follow(stakeholder, region)

    services.unfollow(stakeholder, region)

    assert services.is_following(stakeholder, region) is False
    assert list(services.followers(region)) == []


def test_is_following_is_false_for_anonymous(region):
    from django.contrib.auth.models import AnonymousUser

    assert services.is_following(AnonymousUser(), region) is False


def test_followers_are_active_followers_of_that_target_only(stakeholder, region, other_region):
    gone = UserFactory(is_active=False)
    other = UserFactory()
    services.follow(stakeholder, region)
    services.follow(gone, region)
    services.follow(other, other_region)

    assert list(services.followers(region)) == [stakeholder]


def test_notify_followers_skips_actor_and_excluded(stakeholder, official, region):
    third = UserFactory()
    excluded = UserFactory()
    for user in (stakeholder, official, third, excluded):
        services.follow(user, region)

    created = services.notify_followers(
        region, kinds.EVENT_ANNOUNCED, about=region, actor=official, exclude=[excluded.pk]
    )

    assert created == 2
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted([stakeholder.pk, third.pk])
    assert set(Notification.objects.values_list("actor_id", flat=True)) == {official.pk}


def test_notify_users_never_notifies_the_actor(stakeholder, official, region):
    created = services.notify_users([stakeholder, official], kinds.COMMENT_REPLY, about=region, actor=official)

    assert created == 1
    assert Notification.objects.get().recipient == stakeholder


def test_unknown_kind_is_refused_before_writing(stakeholder, region):
    with pytest.raises(ValueError):
        services.notify_users([stakeholder], "no_such_kind", about=region)

    assert Notification.objects.count() == 0


def test_message_is_in_the_recipients_language(stakeholder, official, region):
    stakeholder.language = "fr"
    stakeholder.save()
    services.notify_users([stakeholder], kinds.COMMENT_REPLY, about=region, actor=official)
    notification = Notification.objects.get()

    with translation.override("en"):
        message = notification.message()

    assert message == f"{official.username} a répondu à votre commentaire sur {region}"
    assert notification.link == region.get_absolute_url()
