"""Following and notifying: the API the other apps call (downwards) when something happens.

Targets and `about` objects are any model instances; a notification's link is
`about.get_absolute_url()` and its title `str(about)`.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from notifications import kinds
from notifications.models import DigestPreference, Follow, Notification

User = get_user_model()


def _key(obj: models.Model) -> tuple[ContentType, int]:
    if obj.pk is None:
        raise ValueError("Only saved objects can be followed or notified about.")
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), obj.pk


def follow(user, target: models.Model) -> Follow:
    """Idempotent: following twice keeps the first follow."""
    target_type, target_id = _key(target)
    follow, _created = Follow.objects.get_or_create(user=user, target_type=target_type, target_id=target_id)
    return follow


def unfollow(user, target: models.Model) -> None:
    target_type, target_id = _key(target)
    Follow.objects.filter(user=user, target_type=target_type, target_id=target_id).delete()


def is_following(user, target: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    target_type, target_id = _key(target)
    return Follow.objects.filter(user=user, target_type=target_type, target_id=target_id).exists()


def followers(target: models.Model) -> QuerySet:
    target_type, target_id = _key(target)
    return User.objects.filter(
        is_active=True, follows__target_type=target_type, follows__target_id=target_id
    ).distinct()


def _user_ids(users: Iterable) -> set[int]:
    return {getattr(user, "pk", user) for user in users if user is not None}


def _create(recipient_ids: Iterable[int], kind: str, *, about: models.Model, actor=None) -> int:
    kinds.get(kind)  # an unknown kind is a programming error, raised before anything is written
    about_type, about_id = _key(about)
    rows = [
        Notification(recipient_id=pk, kind=kind, actor=actor, about_type=about_type, about_id=about_id)
        for pk in sorted(set(recipient_ids))
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)
    User.objects.filter(pk__in=[row.recipient_id for row in rows]).update(
        unread_notifications=F("unread_notifications") + 1
    )
    if rows:
        # Late import: the digest module imports this one.
        from notifications import digests

        digests.queue_immediate(recipient_ids=[row.recipient_id for row in rows])
    return len(rows)


@transaction.atomic
def notify_followers(target: models.Model, kind: str, *, about: models.Model, actor=None, exclude=()) -> int:
    """Notify every active follower of `target` but the actor and `exclude` (users or ids); returns the count."""
    skip = _user_ids([actor, *exclude])
    ids = followers(target).exclude(pk__in=skip).values_list("pk", flat=True)
    return _create(ids, kind, about=about, actor=actor)


@transaction.atomic
def notify_users(users: Iterable, kind: str, *, about: models.Model, actor=None) -> int:
    """Notify these users (or ids), never the actor; inactive users are skipped. Returns the count."""
    ids = _user_ids(users) - _user_ids([actor])
    active = User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    return _create(active, kind, about=about, actor=actor)


def digest_frequency(user) -> str:
    preference = DigestPreference.objects.filter(user=user).first()
    return preference.frequency if preference else DigestPreference.Frequency.DAILY


def unread_recount(*, user_ids) -> None:
    """Set the kept unread count from the rows: exact whatever happened concurrently."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.filter(pk__in=user_ids).update(unread_notifications=Coalesce(Subquery(unread), 0))


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        unread_recount(user_ids=[notification.recipient_id])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    User.objects.filter(pk=user.pk).update(unread_notifications=0)
    user.unread_notifications = 0
    return marked
