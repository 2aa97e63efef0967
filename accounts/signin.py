"""Sign-in with throttling, one policy for the sign-in page and POST /api/v1/auth/token/.

Two limits, both kept on the broker's Redis (the `throttle` cache, never evicted) so every web process
shares them:

- per account: LOGIN_FAILURE_LIMIT free failures, then a wait that doubles with each further failure
  (LOGIN_DELAY_BASE up to LOGIN_DELAY_MAX). The owner is slowed down, never locked out for long, and a
  password reset clears the wait. The account is named by its NFKC-normalised, case-folded username,
  the form Django authenticates, so look-alike spellings (fullwidth letters, other cases) share a count.
  Unknown usernames are counted the same way, so the answers do not reveal which accounts exist.
- a browser where the account signed in before carries a signed "known device" cookie for it, and its
  tries are counted apart from everyone else's (OWASP's device cookies): an attacker who keeps the
  account waiting does not keep its owner out on their usual browser, and the cookie does not lift the
  limit for whoever holds it, who gets a count of their own.
- per client address: LOGIN_IP_FAILURE_LIMIT failures per LOGIN_IP_WINDOW, across all usernames,
  against password spraying. The address comes from saphire.client_ip, which trusts X-Forwarded-For
  only behind configured proxies.

A throttled attempt is refused at once (the caller answers 429 with Retry-After) before the password
is checked; nothing ever sleeps in a web worker.
"""

import hashlib
import logging
import math
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.core import signing
from django.core.cache import caches
from django.http import HttpRequest

from accounts.models import User
from saphire.client_ip import client_ip

logger = logging.getLogger(__name__)


def counters():
    """The cache that keeps the counters: the broker's Redis, which never evicts them (settings.CACHES)."""
    return caches["throttle"]


DEVICE_COOKIE = "signin_device"
DEVICE_COOKIE_MAX_AGE = 180 * 24 * 3600
_DEVICE_SALT = "accounts.signin.device"


@dataclass
class SignInThrottled(Exception):
    retry_after: int  # seconds


def normalise_username(username: str) -> str:
    """The name Django's sign-in form authenticates: stripped and NFKC-normalised."""
    return unicodedata.normalize("NFKC", username.strip())


def account_key(username: str) -> str:
    """One key per account however its name is spelt: NFKC, case-folded, NFKC again (NFKC_Casefold)."""
    return unicodedata.normalize("NFKC", normalise_username(username).casefold())


def device_cookie_value(user: User) -> str:
    """A signed, dated token naming the account, set on the browser after a successful sign-in."""
    return signing.dumps(account_key(user.get_username()), salt=_DEVICE_SALT)


def _bucket(request: HttpRequest, username: str) -> str:
    """Whose count a try goes to: the account's, or the account on this known browser."""
    account = account_key(username)
    cookie = request.COOKIES.get(DEVICE_COOKIE, "")
    if cookie:
        try:
            if signing.loads(cookie, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE) == account:
                return f"{account}:device:{hashlib.sha256(cookie.encode()).hexdigest()[:32]}"
        except signing.BadSignature:
            pass
    return account


def _account_failures_key(account: str) -> str:
    return f"signin:account-failures:{account}"


def _account_blocked_key(account: str) -> str:
    return f"signin:account-blocked:{account}"


def _ip_failures_key(ip: str, now: float) -> str:
    # A fixed window per address: the key names the window, so it needs no read-modify-write.
    return f"signin:ip-failures:{ip}:{int(now // settings.LOGIN_IP_WINDOW)}"


def _ip_retry_after(now: float) -> int:
    return max(1, math.ceil(settings.LOGIN_IP_WINDOW - now % settings.LOGIN_IP_WINDOW))


def signin_wait(*, bucket: str, ip: str) -> int:
    """Seconds to wait before this account (its bucket) may be tried from this address; 0 when it may be tried now.

    When the cache is unreachable this answers 0 (fail open): a Redis outage must not lock every user
    out of the portal, and the password check itself still applies. The outage is logged, and the
    health check reports it, so it is short-lived and visible; failing closed would turn any cache
    incident into a complete denial of service.
    """
    now = time.time()
    try:
        values = counters().get_many([_account_blocked_key(bucket), _ip_failures_key(ip, now)])
    except Exception:  # any cache failure: see the docstring
        logger.warning("sign-in throttle not checked: cache unavailable")
        return 0
    waits = [0]
    blocked_until = values.get(_account_blocked_key(bucket))
    if blocked_until and blocked_until > now:
        waits.append(math.ceil(blocked_until - now))
    if (values.get(_ip_failures_key(ip, now)) or 0) >= settings.LOGIN_IP_FAILURE_LIMIT:
        waits.append(_ip_retry_after(now))
    return max(waits)


def _incr(key: str, timeout: int) -> int:
    if counters().add(key, 1, timeout=timeout):
        return 1
    return counters().incr(key)


def signin_failure_record(*, bucket: str, ip: str) -> None:
    now = time.time()
    try:
        _incr(_ip_failures_key(ip, now), timeout=settings.LOGIN_IP_WINDOW + 60)
        failures = _incr(_account_failures_key(bucket), timeout=settings.LOGIN_FAILURE_WINDOW)
        # Failures are forgotten a window after the last one, so a steady attacker keeps the longest wait.
        counters().touch(
            _account_failures_key(bucket), timeout=max(settings.LOGIN_FAILURE_WINDOW, settings.LOGIN_DELAY_MAX)
        )
        if failures >= settings.LOGIN_FAILURE_LIMIT:
            delay = min(
                settings.LOGIN_DELAY_BASE * 2 ** (failures - settings.LOGIN_FAILURE_LIMIT), settings.LOGIN_DELAY_MAX
            )
            counters().set(_account_blocked_key(bucket), now + delay, timeout=math.ceil(delay) + 1)
    except Exception:  # fail open, as in signin_wait
        logger.warning("sign-in failure not recorded: cache unavailable")


def signin_failures_clear(*, username: str = "", bucket: str = "") -> None:
    """Forget the failures of an account (password reset) or of a bucket (successful sign-in from it);
    the address keeps its count."""
    bucket = bucket or account_key(username)
    try:
        counters().delete_many([_account_failures_key(bucket), _account_blocked_key(bucket)])
    except Exception:  # fail open, as in signin_wait
        logger.warning("sign-in failures not cleared: cache unavailable")


def signin_authenticate(*, request: HttpRequest, username: str, password: str) -> User | None:
    """The user these credentials name, or None; raises SignInThrottled without checking the password
    when the account or the address must wait. Records the failure or clears the account's count."""
    ip = client_ip(request)
    bucket = _bucket(request, username)
    wait = signin_wait(bucket=bucket, ip=ip)
    if wait:
        raise SignInThrottled(retry_after=wait)
    user = authenticate(request, username=normalise_username(username), password=password)
    if user is None:
        signin_failure_record(bucket=bucket, ip=ip)
    else:
        signin_failures_clear(bucket=bucket)
    return user
