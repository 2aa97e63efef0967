"""A user's language and time zone: chosen once, applied on every request, in the API too."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_preferences_page_saves_language_and_time_zone(client_as, official):
    client = client_as(official)

    reply = client.post("/accounts/preferences/", {"language": "fr", "timezone": "Europe/Athens"})

    assert reply.status_code == 302
    official.refresh_from_db()
    assert (official.language, official.timezone) == ("fr", "Europe/Athens")


@pytest.mark.parametrize(
    "data, field",
    [
        ({"language": "xx", "timezone": ""}, "language"),
        ({"language": "", "timezone": "Europe/Kiev"}, "timezone"),  # a deprecated alias of Europe/Kyiv
        ({"language": "", "timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_preferences_page_refuses_what_is_not_offered(client_as, official, data, field):
    reply = client_as(official).post("/accounts/preferences/", data)

    assert reply.status_code == 200
    assert field in reply.context["form"].errors
    official.refresh_from_db()
    assert (official.language, official.timezone) == ("", "")


def test_preferences_page_needs_a_sign_in(client):
    reply = client.get("/accounts/preferences/")

    assert reply.status_code == 302
    assert reply["Location"].startswith("/accounts/login/")


def test_profile_language_outranks_the_browser(client_as, official):
    services.user_preferences_update(user=official, language="fr")

    page = client_as(official).get("/accounts/preferences/", HTTP_ACCEPT_LANGUAGE="en")

    assert page["Content-Language"] == "fr"
    assert '<html lang="fr"' in page.content.decode()


def test_without_a_profile_language_the_browser_decides(client_as, official):
    page = client_as(official).get("/accounts/preferences/", HTTP_ACCEPT_LANGUAGE="fr")

    assert page["Content-Language"] == "fr"


def test_profile_time_zone_is_active_during_the_request_only(client_as, official):
    services.user_preferences_update(user=official, timezone="Europe/Athens")
    seen = {}

    from accounts.middleware import UserPreferencesMiddleware

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        from django.http import HttpResponse

        return HttpResponse()

    class Request:
        user = official
        COOKIES: dict = {}

    UserPreferencesMiddleware(view)(Request())

    assert seen["zone"] == "Europe/Athens"
    assert timezone.get_current_timezone_name() == "Europe/Brussels"


def test_language_switcher_updates_a_signed_in_users_profile(client_as, official):
    reply = client_as(official).post("/i18n/setlang/", {"language": "fr", "next": "/"})

    assert reply.status_code == 302
    official.refresh_from_db()
    assert official.language == "fr"


def test_language_switcher_needs_the_csrf_token_from_a_signed_in_user(official):
    """Signed out, a forged switch changes only the browser's cookie; signed in it would change the profile."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(official)
    page = browser.get("/accounts/preferences/").content.decode()
    token = re.search(r'class="language-form".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S).group(1)

    forged = browser.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    official.refresh_from_db()
    assert forged.status_code == 403 and official.language == ""

    reply = browser.post("/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": token})
    official.refresh_from_db()
    assert reply.status_code == 302 and official.language == "fr"


def test_language_switcher_ignores_an_unknown_language(client_as, official):
    client_as(official).post("/i18n/setlang/", {"language": "xx", "next": "/"})

    official.refresh_from_db()
    assert official.language == ""


def test_language_switcher_still_works_for_visitors(client):
    reply = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    assert reply.status_code == 302
    assert reply.cookies["django_language"].value == "fr"
    assert not User.objects.exclude(language="").exists()


def test_api_me_shows_and_changes_preferences(official):
    client = APIClient()
    client.force_authenticate(official)

    changed = client.patch("/api/v1/me/", {"language": "fr", "timezone": "Europe/Helsinki"}, format="json")
    me = client.get("/api/v1/me/").json()

    assert changed.status_code == 200
    assert (me["language"], me["timezone"]) == ("fr", "Europe/Helsinki")


def test_api_me_refuses_a_deprecated_zone_with_a_field_message(official):
    client = APIClient()
    client.force_authenticate(official)

    reply = client.patch("/api/v1/me/", {"timezone": "US/Eastern"}, format="json")

    assert reply.status_code == 400
    assert "timezone" in reply.json()
    official.refresh_from_db()
    assert official.timezone == ""


def test_api_me_needs_a_sign_in():
    assert APIClient().patch("/api/v1/me/", {"language": "fr"}, format="json").status_code in (401, 403)
