"""Per-user limits on comments and endorsements, counted on the broker's Redis like the sign-in limits."""

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RateLimited(ValidationError):
    pass


def _limit(action: str) -> int:
    return {"comment": settings.COMMENT_RATE_LIMIT, "endorse": settings.ENDORSEMENT_RATE_LIMIT}[action]


def check_and_count(*, user, action: str) -> None:
    """Count one `action` by `user`, refusing it past the limit of the current window."""
    cache = caches["throttle"]
    key = f"participation:{action}:{user.pk}"
    # add() starts the window only for the first action in it; incr() never extends it.
    cache.add(key, 0, timeout=settings.PARTICIPATION_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.PARTICIPATION_RATE_WINDOW)
        count = 1
    if count > _limit(action):
        raise RateLimited(_("You have done that too often. Please wait a few minutes and try again."), code="throttled")
