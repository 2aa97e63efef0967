from django.db.models import QuerySet

from notifications import registry
from notifications.models import Follow, Notification


def notification_list(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor", "about_type", "recipient")


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def follow_list(*, user) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user).select_related("target_type")


def attach_about(notifications: list[Notification]) -> list[Notification]:
    """Fetch the `about` objects of these notifications with one query per kind of object."""
    ids_by_type: dict = {}
    for notification in notifications:
        ids_by_type.setdefault(notification.about_type, set()).add(notification.about_id)
    objects = {}
    for content_type, ids in ids_by_type.items():
        model = content_type.model_class()
        if model is not None:
            for obj in model._base_manager.filter(pk__in=ids):
                objects[content_type.pk, obj.pk] = obj
    for notification in notifications:
        # GenericForeignKey reads its cache before querying.
        Notification.about.set_cached_value(
            notification, objects.get((notification.about_type_id, notification.about_id))
        )
    return notifications


def with_targets(follows) -> list[Follow]:
    """Follows with their targets, one query per kind of target; each gets `key` for the API."""
    items = list(follows)
    by_type: dict = {}
    for follow in items:
        by_type.setdefault(follow.target_type, set()).add(follow.target_id)
    objects = {}
    for content_type, ids in by_type.items():
        model = content_type.model_class()
        if model is not None:
            for obj in model._base_manager.filter(pk__in=ids):
                objects[content_type.pk, obj.pk] = obj
    for follow in items:
        target = objects.get((follow.target_type_id, follow.target_id))
        Follow.target.set_cached_value(follow, target)
        follow.key = registry.key_for(target) if target is not None else None
    return items
