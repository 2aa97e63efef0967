"""Sign-in and password reset give nothing away, and repeated failures are throttled."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.signals import COORDINATOR_GROUP
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


def page_text(response) -> bytes:
    """The page without its per-request CSRF token, for comparing two answers."""
    return CSRF_TOKEN.sub(rb"\1", response.content)


def sign_in(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_answers_alike_for_unknown_user_and_wrong_password(client):
    UserFactory(username="olli")

    wrong_password = sign_in(client, "olli", "not-the-password")
    unknown_user = sign_in(client, "nobody-here", "not-the-password")

    assert wrong_password.status_code == unknown_user.status_code == 200
    assert page_text(wrong_password).replace(b"olli", b"nobody-here") == page_text(unknown_user)


def test_password_reset_answers_alike_for_known_and_unknown_email(
    client, eager_tasks, django_capture_on_commit_callbacks
):
    UserFactory(username="olli", email="olli@example.eu")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:password-reset"), {"email": "olli@example.eu"})
        unknown = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.eu"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == reverse("accounts:password-reset-done")
    assert [m.to for m in mail.outbox] == [["olli@example.eu"]]


def test_login_is_throttled_after_repeated_failures_even_with_the_right_password(client):
    UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert sign_in(client, "olli", "wrong").status_code == 200

    response = sign_in(client, "olli", PASSWORD)

    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.LOGIN_DELAY_BASE
    assert "_auth_user_id" not in client.session
    assert b"Too many failed sign-in attempts" in response.content


def test_throttled_answer_is_the_same_for_an_unknown_user(client):
    UserFactory(username="olli")
    for name in ("olli", "nobody-here"):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            sign_in(client, name, "wrong")

    known = sign_in(client, "olli", "wrong")
    unknown = sign_in(client, "nobody-here", "wrong")

    assert page_text(known).replace(b"olli", b"nobody-here") == page_text(unknown)
    assert b"Too many failed sign-in attempts" in unknown.content


def test_throttle_counts_usernames_case_insensitively(client):
    UserFactory(username="olli")
    for i in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(client, "OLLI" if i % 2 else "olli", "wrong")

    response = sign_in(client, "olli", PASSWORD)

    assert "_auth_user_id" not in client.session
    assert b"Too many failed sign-in attempts" in response.content


def test_successful_login_below_the_limit_clears_the_failures(client):
    UserFactory(username="olli")
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "olli", "wrong")

    assert sign_in(client, "olli", PASSWORD).status_code == 302
    client.logout()
    sign_in(client, "olli", "wrong")
    assert sign_in(client, "olli", PASSWORD).status_code == 302


def test_api_token_endpoint_is_throttled(client):
    UserFactory(username="olli")
    statuses = [
        client.post(reverse("api-token"), {"username": "olli", "password": "wrong"}).status_code
        for _ in range(settings.LOGIN_FAILURE_LIMIT + 1)
    ]

    assert statuses == [400] * settings.LOGIN_FAILURE_LIMIT + [429]


def test_role_change_to_coordinator_grants_the_admin_group_and_back():
    user = UserFactory(username="cora", role=User.Role.STAKEHOLDER, password=None)
    group = Group.objects.get(name=COORDINATOR_GROUP)

    user.role = User.Role.COORDINATOR
    user.save()
    assert list(user.groups.all()) == [group]

    user.role = User.Role.STAKEHOLDER
    user.save()
    assert list(user.groups.all()) == []
