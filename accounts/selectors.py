import hashlib
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import ApiToken, Invitation, User


def api_token_digest(key: str) -> str:
    # Keys are 256 random bits, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_is_valid(token: ApiToken) -> bool:
    """Not expired, not idle too long, its owner active and with the password the token was made under."""
    now = timezone.now()
    if token.expires <= now or not token.user.is_active:
        return False
    idle = settings.API_TOKEN_IDLE_TIMEOUT
    if idle and (token.last_used or token.created) < now - timedelta(seconds=idle):
        return False
    return token.auth_hash == token.user.get_session_auth_hash()


def api_token_for_key(key: str) -> ApiToken | None:
    """The valid token with this key, or None."""
    token = ApiToken.objects.select_related("user").filter(key_digest=api_token_digest(key)).first()
    if token is None or not api_token_is_valid(token):
        return None
    return token


def api_token_list(*, user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first (a user has at most API_TOKENS_PER_USER of them)."""
    tokens = ApiToken.objects.filter(user=user, expires__gt=timezone.now()).select_related("user")
    return [token for token in tokens if api_token_is_valid(token)]


def api_token_owned(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def invitation_list() -> QuerySet[Invitation]:
    return Invitation.objects.select_related("invited_by", "accepted_by")[:200]
