"""The notifications participation sends; notifications.services fans them out and builds the digests."""

from accounts.models import User
from notifications import kinds
from notifications import services as notifications
from participation import permissions
from participation.models import BestPractice, Comment, Consultation, Interest


def consultation_opened(*, consultation: Consultation, actor: User | None) -> int:
    return notifications.notify_followers(
        consultation.region,
        kinds.CONSULTATION_OPENED,
        about=consultation,
        actor=actor,
        exclude=[actor] if actor else (),
    )


def comment_answered(*, comment: Comment, to: User, region_answer: bool, actor: User) -> int:
    kind = kinds.REGION_ANSWER if region_answer else kinds.COMMENT_REPLY
    return notifications.notify_users([to], kind, about=comment, actor=actor)


def best_practice_published(*, practice: BestPractice, actor: User | None) -> int:
    """Each module's followers, each of them once however many of the practice's modules they follow."""
    sent, told = 0, [actor] if actor else []
    for module in practice.modules.all():
        sent += notifications.notify_followers(
            module, kinds.BEST_PRACTICE_PUBLISHED, about=practice, actor=actor, exclude=told
        )
        told += list(notifications.followers(module).values_list("pk", flat=True))
    return sent


def interest_owners(interest: Interest) -> list[User]:
    region_ids = permissions.interest_owner_region_ids(interest)
    owners = list(User.objects.filter(region_memberships__region_id__in=region_ids, is_active=True).distinct())
    # A pilot or region without officials: the coordinators look after it.
    return owners or list(User.objects.filter(role=User.Role.COORDINATOR, is_active=True))


def interest_received(*, interest: Interest, actor: User) -> int:
    return notifications.notify_users(interest_owners(interest), kinds.INTEREST_RECEIVED, about=interest, actor=actor)


def interest_replied(*, interest: Interest, actor: User) -> int:
    if interest.user is None:
        return 0
    return notifications.notify_users([interest.user], kinds.INTEREST_REPLY, about=interest, actor=actor)


def is_following(user: User, target) -> bool:
    return notifications.is_following(user, target)


def follow(user: User, target) -> None:
    notifications.follow(user, target)


def unfollow(user: User, target) -> None:
    notifications.unfollow(user, target)
