import logging
import secrets
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from accounts import selectors, tasks
from accounts.models import ApiToken, User
from accounts.signals import add_to_coordinator_group
from accounts.signin import counters
from saphire.timezones import is_canonical_timezone

logger = logging.getLogger(__name__)


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


# API tokens ------------------------------------------------------------------------------

# last_used is written at most this often per token, so a busy script does not write on every request.
TOKEN_TOUCH_INTERVAL = timedelta(seconds=60)


@transaction.atomic
def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token and its key (the only time the key exists in clear). Each sign-in makes a new key;
    the owner's dead tokens are deleted and, past API_TOKENS_PER_USER, the oldest live ones too."""
    for token in selectors.api_token_owned(user=user).select_related("user"):
        if not selectors.api_token_is_valid(token):
            token.delete()
    surplus = selectors.api_token_owned(user=user).values_list("pk", flat=True)[settings.API_TOKENS_PER_USER - 1 :]
    ApiToken.objects.filter(pk__in=list(surplus)).delete()
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_digest=selectors.api_token_digest(key),
        prefix=key[:8],
        name=name,
        expires=timezone.now() + timedelta(seconds=settings.API_TOKEN_LIFETIME),
        auth_hash=user.get_session_auth_hash(),
    )
    return token, key


def api_token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used is None or token.last_used < now - TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now


def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()


def api_tokens_revoke_all(*, user: User) -> int:
    """Delete every token of the user (password changed or reset); returns how many there were."""
    deleted, _ = selectors.api_token_owned(user=user).delete()
    return deleted


# Password reset --------------------------------------------------------------------------------


def _within_limit(key: str, limit: int, window: int) -> bool:
    """Count one more request under `key` in the current fixed window; False once past `limit`.

    Fails open when the cache is down: refusing every reset during an outage would leave locked-out
    users with no way back, and the email still only goes to the account's own address.
    """
    key = f"{key}:{int(time.time() // window)}"
    try:
        count = 1 if counters().add(key, 1, timeout=window + 60) else counters().incr(key)
    except Exception:  # any cache failure: see the docstring
        logger.warning("password reset limit not checked: cache unavailable")
        return True
    return count <= limit


def password_reset_request(*, email: str, ip: str) -> bool:
    """Queue the reset email for `email` once the transaction commits, within the limits per address and
    per client address. The caller answers the same whether it was queued, limited or matches no account.
    Returns whether it was queued."""
    window = settings.PASSWORD_RESET_WINDOW
    by_ip = _within_limit(f"password-reset:ip:{ip}", settings.PASSWORD_RESET_IP_LIMIT, window)
    by_email = _within_limit(
        f"password-reset:email:{email.strip().casefold()}", settings.PASSWORD_RESET_EMAIL_LIMIT, window
    )
    if not (by_ip and by_email):
        logger.info("password reset request over the limit, not sent")
        return False
    transaction.on_commit(lambda: _queue_or_send_reset(email=email))
    return True


def _queue_or_send_reset(*, email: str) -> None:
    try:
        tasks.password_reset_send.delay(email=email)
    except OperationalError:
        # As saphire.mail does: with the queue unreachable, send from this process rather than lose it.
        logger.warning("task queue unreachable: sending the password reset from the web process")
        password_reset_send(email=email)


def password_reset_send(*, email: str) -> None:
    """Email a reset link to every active account with this address that has a usable password
    (Django's PasswordResetForm picks them); links point at SITE_URL."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    site = urlsplit(settings.SITE_URL)
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    )


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
