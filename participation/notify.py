"""The notifications participation sends; notifications.services fans them out and builds the digests."""

from accounts.models import User
from participation import permissions
from participation.models import BestPractice, Comment, Consultation, Interest

KIND_CONSULTATION_OPENED = "consultation_opened"
KIND_COMMENT_REPLY = "comment_reply"
KIND_REGION_ANSWER = "region_answer"
KIND_BEST_PRACTICE = "best_practice_published"
KIND_INTEREST_RECEIVED = "interest_received"
KIND_INTEREST_REPLY = "interest_reply"


def _services():
    from notifications import services

    return services


def consultation_opened(*, consultation: Consultation, actor: User | None) -> int:
    return _services().notify_followers(
        consultation.region, KIND_CONSULTATION_OPENED, about=consultation, actor=actor, exclude=[actor] if actor else ()
    )


def comment_answered(*, comment: Comment, to: User, region_answer: bool, actor: User) -> int:
    kind = KIND_REGION_ANSWER if region_answer else KIND_COMMENT_REPLY
    return _services().notify_users([to], kind, about=comment, actor=actor)


def best_practice_published(*, practice: BestPractice, actor: User | None) -> int:
    """Each module's followers, each of them once however many of the practice's modules they follow."""
    sent, told = 0, [actor] if actor else []
    for module in practice.modules.all():
        sent += _services().notify_followers(module, KIND_BEST_PRACTICE, about=practice, actor=actor, exclude=told)
        told += list(_services().followers(module))
    return sent


def interest_owners(interest: Interest) -> list[User]:
    region_ids = permissions.interest_owner_region_ids(interest)
    owners = list(User.objects.filter(region_memberships__region_id__in=region_ids, is_active=True).distinct())
    # A pilot or region without officials: the coordinators look after it.
    return owners or list(User.objects.filter(role=User.Role.COORDINATOR, is_active=True))


def interest_received(*, interest: Interest, actor: User) -> int:
    return _services().notify_users(interest_owners(interest), KIND_INTEREST_RECEIVED, about=interest, actor=actor)


def interest_replied(*, interest: Interest, actor: User) -> int:
    if interest.user is None:
        return 0
    return _services().notify_users([interest.user], KIND_INTEREST_REPLY, about=interest, actor=actor)


def is_following(user: User, target) -> bool:
    return _services().is_following(user, target)


def follow(user: User, target) -> None:
    _services().follow(user, target)


def unfollow(user: User, target) -> None:
    _services().unfollow(user, target)
