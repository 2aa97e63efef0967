"""Issue 11, items 2-4: sign-in throttling shared by the page and the API, keyed on the account and the address.

Each reproduction is run against the sign-in page and against POST /api/v1/auth/token/.
"""

import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from accounts.models import ApiToken
from saphire.client_ip import client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PAGE, API = "page", "api"


def attempt(client, via: str, username: str, password: str, **extra):
    if via == PAGE:
        return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)
    return client.post(reverse("api-token"), {"username": username, "password": password}, **extra)


def signed_in(client, via: str, response) -> bool:
    if via == PAGE:
        return response.status_code == 302 and "_auth_user_id" in client.session
    return response.status_code == 200 and "token" in response.json()


def refused_as_throttled(response) -> bool:
    return response.status_code == 429 and int(response["Retry-After"]) > 0


@pytest.fixture
def clock(monkeypatch):
    """Moves the throttle's clock forward without sleeping (the cache keys still expire on Redis's own clock)."""

    class Clock:
        offset = 0.0

        def advance(self, seconds: float) -> None:
            self.offset += seconds

    clock = Clock()
    real_time = time.time
    monkeypatch.setattr("accounts.signin.time.time", lambda: real_time() + clock.offset)
    return clock


# Item 2: forged X-Forwarded-For, and one lockout for the page and the API ---------------------------------


@pytest.mark.parametrize("via", [PAGE, API])
def test_a_new_forwarded_for_on_each_try_does_not_escape_the_address_limit(client, settings, via):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for i in range(3):
        response = attempt(client, via, f"user{i}", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        assert response.status_code in (200, 400)

    response = attempt(client, via, "user9", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert refused_as_throttled(response)


@pytest.mark.parametrize("via", [PAGE, API])
def test_the_address_limit_holds_for_the_right_password_too(client, settings, via):
    UserFactory(username="olli")
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for i in range(3):
        attempt(client, via, f"user{i}", "wrong")

    response = attempt(client, via, "olli", PASSWORD)

    assert refused_as_throttled(response)
    assert not signed_in(client, via, response)


def test_forwarded_for_is_ignored_without_a_configured_proxy(rf, settings):
    settings.NUM_PROXIES = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert client_ip(request) == "10.0.0.2"


def test_behind_one_proxy_only_the_address_it_saw_counts(rf, settings):
    settings.NUM_PROXIES = 1
    # The client forged the first entry; our proxy appended the address it really came from.
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert client_ip(request) == "203.0.113.7"


def test_behind_a_proxy_clients_are_counted_apart(client, settings):
    settings.NUM_PROXIES = 1
    settings.LOGIN_IP_FAILURE_LIMIT = 2
    UserFactory(username="olli")
    for i in range(2):
        attempt(client, API, f"user{i}", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")

    blocked = attempt(client, API, "olli", PASSWORD, HTTP_X_FORWARDED_FOR="forged, 203.0.113.7")
    other_client = attempt(client, API, "olli", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert refused_as_throttled(blocked)
    assert signed_in(client, API, other_client)


@pytest.mark.parametrize(("fail_via", "then_via"), [(PAGE, API), (API, PAGE)])
def test_an_account_held_back_on_one_door_is_held_back_on_the_other(client, settings, fail_via, then_via):
    UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, fail_via, "olli", "wrong")

    response = attempt(client, then_via, "olli", PASSWORD)

    assert refused_as_throttled(response)
    assert not signed_in(client, then_via, response)
    assert ApiToken.objects.count() == 0


# Item 3: look-alike usernames --------------------------------------------------------------------------------


@pytest.mark.parametrize("via", [PAGE, API])
def test_fullwidth_look_alikes_share_the_account_count(client, settings, via):
    UserFactory(username="victim2")
    settings.LOGIN_FAILURE_LIMIT = 5
    for name in ("victim2", "ｖictim2", "vｉctim2"):
        for _ in range(2):
            response = attempt(client, via, name, "wrong")
            if response.status_code == 429:
                break

    response = attempt(client, via, "vicｔim2", PASSWORD)

    assert refused_as_throttled(response)
    assert not signed_in(client, via, response)


@pytest.mark.parametrize("via", [PAGE, API])
def test_the_api_and_the_page_accept_the_same_spellings(client, via):
    UserFactory(username="olli")

    response = attempt(client, via, " ｏlli ", PASSWORD)

    assert signed_in(client, via, response)


@pytest.mark.parametrize("via", [PAGE, API])
def test_other_cases_share_the_account_count(client, settings, via):
    UserFactory(username="olli")
    for i in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, via, "OLLI" if i % 2 else "Olli", "wrong")

    assert refused_as_throttled(attempt(client, via, "olli", PASSWORD))


# Item 4: a growing delay, not a lock of the owner; a limit per address ---------------------------------------


@pytest.mark.parametrize("via", [PAGE, API])
def test_the_owner_signs_in_once_the_short_delay_has_passed(client, settings, clock, via):
    UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, via, "olli", "wrong")
    throttled = attempt(client, via, "olli", PASSWORD)

    clock.advance(int(throttled["Retry-After"]) + 1)
    response = attempt(client, via, "olli", PASSWORD)

    assert int(throttled["Retry-After"]) == settings.LOGIN_DELAY_BASE
    assert signed_in(client, via, response)


@pytest.mark.parametrize("via", [PAGE, API])
def test_the_delay_doubles_with_each_further_failure_up_to_the_cap(client, settings, clock, via):
    settings.LOGIN_DELAY_BASE, settings.LOGIN_DELAY_MAX = 30, 100
    UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, via, "olli", "wrong")

    waits = []
    for _ in range(4):
        wait = int(attempt(client, via, "olli", "wrong")["Retry-After"])
        waits.append(wait)
        clock.advance(wait + 1)
        attempt(client, via, "olli", "wrong")  # counted: the wait is over

    assert waits == [30, 60, 100, 100]


@pytest.mark.parametrize("via", [PAGE, API])
def test_a_throttled_answer_is_immediate(client, settings, via):
    settings.LOGIN_DELAY_BASE = 600
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, via, "olli", "wrong")

    started = time.monotonic()
    response = attempt(client, via, "olli", "wrong")

    assert response.status_code == 429
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("via", [PAGE, API])
def test_spraying_many_usernames_from_one_address_is_limited(client, settings, via):
    settings.LOGIN_IP_FAILURE_LIMIT = 10
    statuses = [attempt(client, via, f"user{i}", "wrong").status_code for i in range(11)]

    from_elsewhere = attempt(client, via, "user99", "wrong", REMOTE_ADDR="192.0.2.50")

    assert statuses[-1] == 429
    assert set(statuses[:-1]) == {400 if via == API else 200}
    assert from_elsewhere.status_code != 429


def test_the_page_says_how_long_to_wait(client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, PAGE, "olli", "wrong")

    response = attempt(client, PAGE, "olli", "wrong")

    assert "Try again in 1 minute, or reset your password." in response.content.decode()


def test_a_password_reset_clears_the_account_delay(client, settings):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, PAGE, "olli", "wrong")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    confirm = client.get(
        reverse("accounts:password-reset-confirm", args=[uid, default_token_generator.make_token(user)])
    )
    client.post(
        confirm["Location"], {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"}
    )

    response = attempt(client, PAGE, "olli", "a-new-long-passphrase")

    assert signed_in(client, PAGE, response)


# Redis (the cache) down: sign-in still works, on both doors -----------------------------------------------------


def test_the_page_cache_losing_every_key_does_not_reset_the_counts(client, settings):
    """The page cache evicts under memory pressure; the counters live elsewhere and survive it."""
    settings.LOGIN_DELAY_BASE = 600
    UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, API, "olli", "wrong")
    page_cache = caches["default"]._cache.get_client(write=True)
    evicted = list(page_cache.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
    if evicted:
        page_cache.delete(*evicted)

    assert refused_as_throttled(attempt(client, API, "olli", PASSWORD))


@pytest.mark.parametrize("via", [PAGE, API])
def test_sign_in_works_while_the_cache_is_unreachable(client, settings, via):
    UserFactory(username="olli")
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {"default": unreachable, "throttle": unreachable}

    wrong = attempt(client, via, "olli", "wrong")
    right = attempt(client, via, "olli", PASSWORD)

    assert wrong.status_code == (400 if via == API else 200)
    assert signed_in(client, via, right)


def test_the_admin_sign_in_page_shares_the_throttle(client, settings):
    from accounts.models import User

    UserFactory(username="alice", role=User.Role.ADMINISTRATOR)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, API, "alice", "wrong")

    response = client.post(reverse("admin:login"), {"username": "alice", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_an_attacker_does_not_keep_the_owner_out_of_their_usual_browser(client, settings):
    from django.test import Client

    UserFactory(username="olli")
    assert signed_in(client, PAGE, attempt(client, PAGE, "olli", PASSWORD))
    client.post(reverse("accounts:logout"))  # a real sign-out keeps the browser's other cookies
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(attacker, PAGE, "olli", "wrong")
    assert refused_as_throttled(attempt(attacker, PAGE, "olli", PASSWORD))

    response = attempt(client, PAGE, "olli", PASSWORD)

    assert "signin_device" in client.cookies
    assert signed_in(client, PAGE, response)


def test_a_known_browser_is_still_throttled_when_it_guesses(client, settings):
    UserFactory(username="olli")
    attempt(client, PAGE, "olli", PASSWORD)
    client.post(reverse("accounts:logout"))  # a real sign-out keeps the browser's other cookies
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, PAGE, "olli", "wrong")

    assert refused_as_throttled(attempt(client, PAGE, "olli", PASSWORD))


def test_a_known_browser_cookie_helps_only_its_own_account(client, settings):
    from django.test import Client

    UserFactory(username="olli")
    UserFactory(username="victim2")
    attempt(client, PAGE, "olli", PASSWORD)
    client.post(reverse("accounts:logout"))  # a real sign-out keeps the browser's other cookies
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(attacker, PAGE, "victim2", "wrong")

    assert refused_as_throttled(attempt(client, PAGE, "victim2", PASSWORD))


def test_a_forged_device_cookie_is_ignored(client, settings):
    from django.test import Client

    UserFactory(username="olli")
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(attacker, PAGE, "olli", "wrong")
    client.cookies["signin_device"] = "olli:forged:signature"

    assert refused_as_throttled(attempt(client, PAGE, "olli", PASSWORD))
