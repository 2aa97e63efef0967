"""Who may do what with consultations, best practices and interests (reads scoped in selectors)."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from participation.models import BestPractice, Comment, CommentBlock, Consultation, Interest
from regions.models import Region
from saphire import roles

AnyUser = User | AnonymousUser


def can_open_consultation(user: AnyUser, region: Region) -> bool:
    return roles.is_coordinator(user) or roles.is_official_of(user, region.pk)


def can_manage_consultation(user: AnyUser, consultation: Consultation) -> bool:
    """Close it, record what changed because of comments."""
    return roles.is_coordinator(user) or roles.is_official_of(user, consultation.region_id)


def is_blocked(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_comment_blocked", None)
    if cached is None:
        cached = user._comment_blocked = CommentBlock.objects.filter(user=user).exists()
    return cached


def can_take_part(user: AnyUser, consultation: Consultation) -> bool:
    """Comment, reply and endorse: any signed-in user not blocked, while the consultation is open."""
    return user.is_authenticated and consultation.is_open and not is_blocked(user)


def can_answer_for_region(user: AnyUser, consultation: Consultation) -> bool:
    return roles.is_official_of(user, consultation.region_id)


def can_moderate(user: AnyUser) -> bool:
    return roles.is_coordinator(user)


def can_report(user: AnyUser, comment: Comment) -> bool:
    return user.is_authenticated and comment.author_id != user.pk and not comment.is_hidden


def can_edit_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    if roles.is_coordinator(user):
        return True
    return roles.is_official_of(user, practice.region_id) and practice.status != BestPractice.Status.PUBLISHED


def can_propose_best_practice(user: AnyUser, region: Region) -> bool:
    return roles.is_coordinator(user) or roles.is_official_of(user, region.pk)


def can_review_best_practice(user: AnyUser) -> bool:
    return roles.is_coordinator(user)


def can_view_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    return practice.status == BestPractice.Status.PUBLISHED or can_edit_best_practice(user, practice)


def interest_owner_region_ids(interest: Interest) -> set[int]:
    if interest.pilot_id:
        return set(interest.pilot.regions.values_list("pk", flat=True))
    return {interest.region_id}


def can_reply_interest(user: AnyUser, interest: Interest) -> bool:
    """The owner: the officials of the pilot's regions (or of the partner region), and coordinators."""
    if roles.is_coordinator(user):
        return True
    return bool(roles.official_region_ids(user) & interest_owner_region_ids(interest))


def can_view_interest(user: AnyUser, interest: Interest) -> bool:
    return user.is_authenticated and (interest.user_id == user.pk or can_reply_interest(user, interest))
