"""Every route refuses a POST without the CSRF token, whoever sends it (no view is exempt)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security import samples as sample_data
from tests.security.test_permission_matrix import ROUTES, TABLE

pytestmark = pytest.mark.django_db

# Token sign-in takes a username and password, not a session: DRF exempts it, and there is no cookie to ride on.
# The one-click unsubscribe is POSTed by mail clients (RFC 8058), which hold no cookie: the signed token in
# its URL is the credential, and all it can do is stop that person's digests.
EXEMPT = {"api-token", "notifications:unsubscribe"}
# Signed out, the language switch changes only that browser's language cookie; cached pages are the same
# bytes for everyone, so their language form carries no token. Signed in it changes the profile: checked.
EXEMPT_SIGNED_OUT = {"set_language"}


def csrf_refusal(response) -> bool:
    """Django's CSRF failure page, or DRF's CSRF refusal of a session user's API call."""
    page = "403_csrf.html" in [template.name for template in response.templates]
    return response.status_code == 403 and (page or b"CSRF Failed" in response.content)


@pytest.mark.parametrize("role", ["anonymous", "official_a", "administrator"])
def test_post_without_csrf_token_is_refused_on_every_route(role):
    s = sample_data.build()
    client = Client(enforce_csrf_checks=True)
    if s.users[role] is not None:
        client.force_login(s.users[role])

    accepted = {}
    for route in ROUTES:
        if route.key in EXEMPT or route.key not in TABLE:
            continue
        if route.key in EXEMPT_SIGNED_OUT and role == "anonymous":
            continue
        row = TABLE[route.key]
        url = reverse(route.key, kwargs=row.kwargs(s) if row.kwargs else None)
        response = client.post(url, {"name": "x"})
        refused = csrf_refusal(response)
        # Past the CSRF check a GET-only API view would answer 405, so a 403 there is the CSRF refusal
        # (the Swagger page renders its own template over the error text).
        if not refused and route.is_api and "POST" not in route.methods:
            refused = response.status_code == 403
        # The API checks CSRF only for a session user; an anonymous API write is refused by permissions instead.
        if not refused and route.is_api and role == "anonymous":
            refused = response.status_code in (401, 403, 405)
        if not refused:
            accepted[route.key] = response.status_code

    assert accepted == {}


def test_login_form_refuses_a_post_without_csrf_token():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "olli", "password": "x"})

    assert csrf_refusal(response)
