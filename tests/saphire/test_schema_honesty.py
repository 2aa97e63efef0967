"""The OpenAPI schema lists what the API really answers: shapes, nulls and every status code."""

import pytest
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from rest_framework import permissions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from mapping.models import Theme
from saphire.schema import may_answer
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def responses_of(openapi, path: str, method: str) -> set[str]:
    return set(openapi["paths"][path][method]["responses"])


def test_a_questionnaire_version_is_documented_as_a_version(openapi):
    """Regression: the schema said the answer was a Questionnaire."""
    ok = openapi["paths"]["/api/v1/questionnaires/{id}/versions/{number}/"]["get"]["responses"]["200"]

    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Version"}


def test_an_answer_without_its_author_is_allowed_to_say_null(openapi):
    """Regression: `answered_by` is null once the author's account is gone; the schema said string."""
    assert openapi["components"]["schemas"]["Answer"]["properties"]["answered_by"]["nullable"] is True


def test_a_field_read_through_a_nullable_relation_is_nullable(openapi):
    """The same rule for every dotted source: the report's campaign is optional, so is its title."""
    assert openapi["components"]["schemas"]["Report"]["properties"]["campaign_title"]["nullable"] is True
    assert "nullable" not in openapi["components"]["schemas"]["Report"]["properties"]["region_name"]


@pytest.mark.parametrize(
    ("path", "method", "codes"),
    [
        # A detail route may not find its object; a body may be invalid; a write may lack its CSRF token.
        ("/api/v1/organisations/{id}/", "patch", {"200", "400", "403", "404"}),
        # A list validates its filters and pagination, a page past the last is not found, and a wrong
        # token is refused.
        ("/api/v1/themes/", "get", {"200", "400", "401", "404"}),
        # Optimistic locking answers 409.
        ("/api/v1/regions/{code}/", "patch", {"200", "400", "403", "404", "409"}),
        ("/api/v1/population-groups/{id}/", "patch", {"200", "400", "403", "404", "409"}),
        ("/api/v1/responses/{id}/submit/", "post", {"200", "400", "403", "404", "409"}),
        # The sign-in is throttled.
        ("/api/v1/auth/token/", "post", {"200", "400", "403", "429"}),
        # Answers built by hand document the code they really use.
        ("/api/v1/events/{id}/agenda/", "post", {"201", "400", "403", "404"}),
        ("/api/v1/questionnaire-versions/{id}/copy/", "post", {"201", "403", "404"}),
    ],
)
def test_operations_list_the_codes_they_answer(openapi, path, method, codes):
    assert responses_of(openapi, path, method) >= codes


def test_a_body_less_action_does_not_promise_a_400_it_cannot_answer(openapi):
    assert "400" not in responses_of(openapi, "/api/v1/questionnaire-versions/{id}/copy/", "post")
    assert "requestBody" not in openapi["paths"]["/api/v1/questionnaire-versions/{id}/copy/"]["post"]


def test_error_answers_are_documented_as_json_with_their_detail(openapi):
    not_found = openapi["paths"]["/api/v1/themes/{code}/"]["get"]["responses"]["404"]

    assert not_found["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert openapi["components"]["schemas"]["Error"]["required"] == ["detail"]


class _TokenFirstView(APIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        return Response({})


class _SessionOnlyView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    @may_answer(404)
    def get(self, request):
        return Response({})


def _schema_for(view) -> dict:
    generator = SchemaGenerator(patterns=[path("probe/", view.as_view())])
    return generator.get_schema(request=None, public=True)["paths"]["/probe/"]["get"]["responses"]


class _SessionFirstView(_TokenFirstView):
    authentication_classes = [SessionAuthentication, TokenAuthentication]


@pytest.mark.parametrize("view", [_TokenFirstView, _SessionFirstView])
def test_a_wrong_token_is_401_whichever_authenticator_comes_first(view):
    """saphire.api_errors answers every failed authentication with 401 and a challenge."""
    assert set(_schema_for(view)) == {"200", "401"}


def test_a_wrong_token_on_a_real_operation_is_the_documented_401(openapi):
    response = APIClient().get("/api/v1/themes/", HTTP_AUTHORIZATION="Token not-a-real-key")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "401" in responses_of(openapi, "/api/v1/themes/", "get")


def test_a_session_only_view_lists_403_for_anonymous_and_what_its_handler_declares():
    assert set(_schema_for(_SessionOnlyView)) == {"200", "403", "404"}


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "page=-1", "page=", "page=%C2%B2", "page_size=0", "page_size=x", "page_size=201"],
)
def test_a_malformed_page_or_page_size_is_a_400_with_the_parameter_named(query):
    """Regression: these were silently replaced by the defaults (or answered 404)."""
    ThemeFactory()

    response = APIClient().get(f"/api/v1/themes/?{query}")

    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


def test_a_valid_page_and_page_size_are_used():
    ThemeFactory.create_batch(3)
    total = Theme.objects.count()

    response = APIClient().get(f"/api/v1/themes/?page=2&page_size={total - 1}")

    assert response.status_code == 200
    assert response.json()["count"] == total
    assert len(response.json()["results"]) == 1


def test_a_page_past_the_last_is_not_found():
    ThemeFactory()
    past_the_last = Theme.objects.count() // 50 + 2

    assert APIClient().get(f"/api/v1/themes/?page={past_the_last}").status_code == 404


def test_an_api_url_no_route_matches_is_a_json_404(client):
    response = client.get("/api/v1/events/not-a-number/agenda/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_page_url_no_route_matches_keeps_the_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_registered_organisation_answers_the_documented_organisation(openapi, client_as):
    """The schema once promised the input's shape back; the answer is the full organisation."""
    from tests.security.samples import build
    from tests.security.test_api_schema import errors_in, validator_for

    s = build()
    body = {"name": "Kuopio University Hospital", "region": s.region_a.code, "kind": "hospital"}

    response = client_as(s.users["coordinator"]).post("/api/v1/organisations/", body, content_type="application/json")

    assert response.status_code == 201, response.content
    assert errors_in(validator_for(openapi, "/api/v1/organisations/", "post", "201"), response.json()) == []
