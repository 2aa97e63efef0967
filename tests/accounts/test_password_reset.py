"""Issue 11, item 16: password reset is limited per address and per client, and its email leaves from the worker."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def ask_reset(client, email: str, **extra):
    return client.post(reverse("accounts:password-reset"), {"email": email}, **extra)


def test_the_email_is_queued_for_the_worker_not_sent_in_the_request(client, django_capture_on_commit_callbacks):
    UserFactory(username="olli", email="olli@example.eu")

    with django_capture_on_commit_callbacks() as callbacks:
        response = ask_reset(client, "olli@example.eu")

    assert response.status_code == 302
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_the_worker_sends_a_link_to_the_site(settings):
    settings.SITE_URL = "https://regions.example.eu"
    UserFactory(username="olli", email="olli@example.eu")

    services.password_reset_send(email="OLLI@example.eu")

    assert [m.to for m in mail.outbox] == [["olli@example.eu"]]
    assert "https://regions.example.eu/accounts/password/reset/" in mail.outbox[0].body


def test_the_worker_sends_nothing_for_an_unknown_address():
    services.password_reset_send(email="nobody@example.eu")

    assert mail.outbox == []


def test_requests_per_address_are_limited_with_the_same_answer(
    client, settings, eager_tasks, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_EMAIL_LIMIT = 2
    UserFactory(username="olli", email="olli@example.eu")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            ask_reset(client, email, REMOTE_ADDR=f"192.0.2.{i}")
            for i, email in enumerate(["olli@example.eu", "OLLI@example.eu", "olli@example.eu"])
        ]

    assert [(a.status_code, a["Location"]) for a in answers] == [(302, reverse("accounts:password-reset-done"))] * 3
    assert len(mail.outbox) == 2


def test_requests_per_client_address_are_limited(client, settings, eager_tasks, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_IP_LIMIT = 2
    for i in range(3):
        UserFactory(username=f"user{i}", email=f"user{i}@example.eu")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask_reset(client, f"user{i}@example.eu") for i in range(3)]

    assert {a.status_code for a in answers} == {302}
    assert [m.to for m in mail.outbox] == [["user0@example.eu"], ["user1@example.eu"]]


def test_reset_requests_work_while_the_cache_is_unreachable(client, settings, django_capture_on_commit_callbacks):
    UserFactory(username="olli", email="olli@example.eu")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    with django_capture_on_commit_callbacks() as callbacks:
        response = ask_reset(client, "olli@example.eu")

    assert response.status_code == 302
    assert len(callbacks) == 1
