"""Error pages keep the portal's navigation, speak the visitor's language and say what to do next."""

import pytest
from django.test import Client
from django.urls import path

from saphire import views
from saphire.urls import urlpatterns as portal_patterns


def _boom(request):
    raise RuntimeError("a failure the visitor did not cause")


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("a malformed request")


urlpatterns = [path("boom/", _boom), path("bad/", _bad), *portal_patterns]
handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error


@pytest.fixture
def errors_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False


@pytest.mark.django_db
def test_403_for_a_stakeholder_says_to_ask_a_coordinator(client_as, stakeholder):
    response = client_as(stakeholder).get("/mapping/campaigns/new/")

    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="main-nav' in html and "Sign out" in html
    assert "stella" in html and "ask a coordinator" in html
    assert "/accounts/dashboard/" in html


@pytest.mark.django_db
def test_a_stakeholder_is_not_offered_the_report_form_that_would_end_in_403(client_as, stakeholder):
    html = client_as(stakeholder).get("/reports/").content.decode()

    assert "/reports/request/" not in html and "Build a region" not in html


@pytest.mark.django_db
def test_404_for_a_visitor_in_french_offers_to_sign_in(client):
    response = client.post("/i18n/setlang/", {"language": "fr"}, follow=True)
    # Signed out, French chosen: the portal's own 404 page, in French, with the sign-in link.
    response = client.get("/mapping/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Page introuvable" in html
    assert "/accounts/login/?next=/mapping/no-such-page/" in html


@pytest.mark.django_db
def test_404_in_the_users_language(client_as, official):
    official.language = "fr"
    official.save()

    response = client_as(official).get("/regions/ZZ99/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html and 'class="main-nav' in html


@pytest.mark.django_db
def test_500_page_with_navigation_and_next_steps(errors_urls, client_as, official):
    client = client_as(official)
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'class="main-nav' in html and "olli" in html
    assert "Try again in a few minutes." in html


@pytest.mark.django_db
def test_400_page_says_to_go_back(errors_urls):
    client = Client(raise_request_exception=False)

    response = client.get("/bad/")

    assert response.status_code == 400
    assert "Go back to the previous page, reload it and try again." in response.content.decode()


@pytest.mark.django_db
def test_api_errors_stay_json(errors_urls):
    response = Client().get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
