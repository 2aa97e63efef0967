import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.signals import add_to_coordinator_group
from saphire.timezones import is_canonical_timezone

logger = logging.getLogger(__name__)


def _failure_key(username: str) -> str:
    return f"login-failures:{username.strip().lower()}"


def login_is_throttled(*, username: str) -> bool:
    """Too many recent failures for this username, whether or not it exists."""
    try:
        return (cache.get(_failure_key(username)) or 0) >= settings.LOGIN_FAILURE_LIMIT
    except Exception:  # Redis away: do not lock everybody out.
        return False


def login_failure_record(*, username: str) -> None:
    key = _failure_key(username)
    try:
        if not cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW):
            cache.incr(key)
    except Exception:
        logger.warning("login failure not recorded: cache unavailable")


def login_failures_clear(*, username: str) -> None:
    try:
        cache.delete(_failure_key(username))
    except Exception:
        logger.warning("login failures not cleared: cache unavailable")


@transaction.atomic
def user_create(
    *, username: str, email: str, password: str | None, role: str = User.Role.STAKEHOLDER, **fields
) -> User:
    user = User(username=username, email=email, role=role, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    add_to_coordinator_group(user)
    return user


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def user_preferences_update(*, user: User, language: str | None = None, timezone: str | None = None) -> User:
    """Set the user's language and/or time zone ("" clears one: browser language, site time zone).

    The language must be one of settings.LANGUAGES, the zone a canonical IANA name.
    """
    errors, fields = {}, []
    if language is not None:
        if language and language not in dict(settings.LANGUAGES):
            errors["language"] = _("Choose one of the portal's languages.")
        user.language = language
        fields.append("language")
    if timezone is not None:
        if timezone and not is_canonical_timezone(timezone):
            errors["timezone"] = _("Unknown time zone “%(name)s”: choose one like Europe/Brussels.") % {
                "name": timezone
            }
        user.timezone = timezone
        fields.append("timezone")
    if errors:
        raise ValidationError(errors)
    if fields:
        User.objects.filter(pk=user.pk).update(**{name: getattr(user, name) for name in fields})
    return user
