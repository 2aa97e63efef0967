"""Issue 11, item 7: API tokens expire, die with a password change or reset, and their owner lists and revokes them."""

from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import api_token_create
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase"


def token_for(username: str = "olli", password: str = PASSWORD) -> str:
    response = APIClient().post(reverse("api-token"), {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def me(key: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(reverse("api-me"))


def as_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def assert_refused(response) -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_each_sign_in_gives_a_new_key_that_works():
    UserFactory(username="olli")

    first, second = token_for(), token_for()

    assert first != second
    assert me(first).status_code == me(second).status_code == 200


def test_the_key_is_stored_only_as_a_digest():
    UserFactory(username="olli")

    key = token_for()

    token = ApiToken.objects.get()
    assert key not in (token.key_digest, token.prefix, token.auth_hash)
    assert key.startswith(token.prefix)


def test_the_answer_says_when_the_token_expires(settings):
    settings.API_TOKEN_LIFETIME = 3600
    UserFactory(username="olli")

    response = APIClient().post(reverse("api-token"), {"username": "olli", "password": PASSWORD}, format="json")

    expires = ApiToken.objects.get().expires
    assert parse_datetime(response.json()["expires"]) == expires
    assert timedelta(minutes=59) < expires - timezone.now() <= timedelta(hours=1)


def test_an_expired_token_is_refused_with_a_challenge():
    UserFactory(username="olli")
    key = token_for()
    ApiToken.objects.update(expires=timezone.now() - timedelta(seconds=1))

    assert_refused(me(key))


def test_an_idle_token_is_refused(settings):
    settings.API_TOKEN_IDLE_TIMEOUT = 600
    UserFactory(username="olli")
    key = token_for()
    assert me(key).status_code == 200
    ApiToken.objects.update(last_used=timezone.now() - timedelta(seconds=601))

    assert_refused(me(key))


def test_a_wrong_token_is_a_401_with_a_challenge_not_a_403():
    assert_refused(me("not-a-token"))


def test_no_credentials_stays_a_403():
    assert APIClient().get(reverse("api-me")).status_code == 403


def test_a_password_change_on_the_page_revokes_the_tokens(client):
    user = UserFactory(username="olli")
    key = token_for()
    client.force_login(user)

    client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert_refused(me(key))
    assert ApiToken.objects.count() == 0


def test_a_password_reset_revokes_the_tokens(client):
    user = UserFactory(username="olli")
    key = token_for()
    uid = urlsafe_base64_encode(force_bytes(user.pk))

    confirm = client.get(
        reverse("accounts:password-reset-confirm", args=[uid, default_token_generator.make_token(user)])
    )
    done = client.post(confirm["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert_refused(me(key))
    assert ApiToken.objects.count() == 0


def test_a_password_set_anywhere_else_voids_the_tokens():
    user = UserFactory(username="olli")
    key = token_for()

    user.set_password(NEW_PASSWORD)
    user.save()

    assert_refused(me(key))


def test_a_deactivated_user_token_is_refused():
    user = UserFactory(username="olli")
    key = token_for()

    user.is_active = False
    user.save()

    assert_refused(me(key))


def test_sign_out_revokes_the_token_used():
    UserFactory(username="olli")
    key, other = token_for(), token_for()

    response = as_token(key).delete(reverse("api-token"))

    assert response.status_code == 204
    assert_refused(me(key))
    assert me(other).status_code == 200


def test_sign_out_needs_credentials():
    assert APIClient().delete(reverse("api-token")).status_code == 403


def test_the_owner_lists_their_live_tokens_without_keys():
    UserFactory(username="olli")
    UserFactory(username="bram")
    used, other, expired = token_for(), token_for(), token_for()
    token_for("bram")
    ApiToken.objects.filter(prefix=expired[:8]).update(expires=timezone.now() - timedelta(seconds=1))

    response = as_token(used).get(reverse("api-token-list"))

    assert response.status_code == 200
    listed = response.json()
    assert sorted(t["prefix"] for t in listed) == sorted([used[:8], other[:8]])
    assert [t["current"] for t in listed if t["prefix"] == used[:8]] == [True]
    assert all("token" not in t and "key_digest" not in t for t in listed)


def test_the_owner_revokes_one_token_by_id():
    UserFactory(username="olli")
    key, other = token_for(), token_for()
    other_id = ApiToken.objects.get(prefix=other[:8]).pk

    response = as_token(key).delete(reverse("api-token-detail", args=[other_id]))

    assert response.status_code == 204
    assert_refused(me(other))
    assert me(key).status_code == 200


def test_nobody_revokes_someone_elses_token():
    UserFactory(username="olli")
    UserFactory(username="bram")
    olli, bram = token_for("olli"), token_for("bram")
    olli_id = ApiToken.objects.get(prefix=olli[:8]).pk

    response = as_token(bram).delete(reverse("api-token-detail", args=[olli_id]))

    assert response.status_code == 404
    assert me(olli).status_code == 200


def test_tokens_per_user_are_capped_oldest_first(settings):
    settings.API_TOKENS_PER_USER = 3
    user = UserFactory(username="olli", password=None)
    keys = [api_token_create(user=user)[1] for _ in range(4)]

    assert ApiToken.objects.filter(user=user).count() == 3
    assert_refused(me(keys[0]))
    assert me(keys[-1]).status_code == 200


def test_the_schema_lists_what_the_token_endpoints_answer(client):
    paths = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]

    # 403: a signed-in session posting without its CSRF token.
    assert set(paths["/api/v1/auth/token/"]["post"]["responses"]) == {"200", "400", "401", "403", "429"}
    assert set(paths["/api/v1/auth/token/"]["delete"]["responses"]) == {"204", "401", "403"}
    assert set(paths["/api/v1/auth/tokens/"]["get"]["responses"]) == {"200", "401", "403"}
    assert set(paths["/api/v1/auth/tokens/{id}/"]["delete"]["responses"]) == {"204", "401", "403", "404"}
    created = paths["/api/v1/auth/token/"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert created == {"$ref": "#/components/schemas/TokenCreated"}
