"""Every API list answers what the OpenAPI schema promises (the quick, always-on part of the fuzzing)."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator

from tests.security import samples as sample_data
from tests.security.test_permission_matrix import ROUTES, TABLE

pytestmark = pytest.mark.django_db


def as_json_schema(node):
    """OpenAPI 3.0's `nullable: true` is JSON Schema's "or null".

    Formats are not checked here (schemathesis checks them), so a blank URL matches both branches of
    `oneOf: [uri, blank]`: read as anyOf.
    """
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {
        ("anyOf" if key == "oneOf" else key): as_json_schema(value) for key, value in node.items() if key != "nullable"
    }
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def validator_for(openapi, path: str, method: str = "get", status: str = "200"):
    schema = openapi["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    # One document holding the components, so "#/components/..." references resolve in place.
    return Draft202012Validator(as_json_schema({**schema, "components": openapi["components"]}))


def list_routes():
    return [
        r
        for r in ROUTES
        if r.is_api and r.key.endswith("-list") and "GET" in r.methods and r.key in TABLE and not TABLE[r.key].kwargs
    ]


def errors_in(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)][:5]


@pytest.mark.parametrize("route", list_routes(), ids=lambda r: r.key)
def test_api_list_answers_match_the_schema(route, openapi, client_as):
    s = sample_data.build()
    url = reverse(route.key)
    validator = validator_for(openapi, url)

    found = {}
    for role in ("anonymous", "official_a", "administrator"):
        response = client_as(s.users[role]).get(url)
        if response.status_code == 200:
            found[role] = errors_in(validator, response.json())

    assert found, f"{url} answered nobody with 200"
    assert found == {role: [] for role in found}


def test_blank_read_only_choices_and_urls_are_allowed_by_the_schema(openapi):
    """Regression: blank innovation groups and websites made valid answers fail the schema."""
    region = openapi["components"]["schemas"]["Region"]["properties"]
    organisation = openapi["components"]["schemas"]["Organisation"]["properties"]

    assert {"$ref": "#/components/schemas/BlankEnum"} in region["ris_group"]["oneOf"]
    assert {"type": "string", "maxLength": 0} in organisation["website"]["oneOf"]


@pytest.mark.parametrize(
    ("schema_path", "url", "method", "role"),
    [
        ("/api/v1/events/{id}/registrations/", "/api/v1/events/{event}/registrations/", "get", "coordinator"),
        ("/api/v1/responses/{id}/answers/", "/api/v1/responses/{mapping_response}/answers/", "get", "official_a"),
        ("/api/v1/contacts/{id}/export/", "/api/v1/contacts/{contact}/export/", "get", "coordinator"),
        ("/api/v1/organisations/{id}/review/", "/api/v1/organisations/{organisation}/review/", "post", "coordinator"),
    ],
)
def test_api_detail_answers_match_the_schema(schema_path, url, method, role, openapi, client_as):
    """Regression: these answers once had another shape than the schema promised (found by make fuzz)."""
    s = sample_data.build()
    url = url.format(**{name: obj.pk for name, obj in s.objects.items() if hasattr(obj, "pk")})
    client = client_as(s.users[role])

    if method == "post":
        response = client.post(url, {"decision": "approve", "note": "Checked."}, content_type="application/json")
    else:
        response = client.get(url)

    assert response.status_code == 200, response.content
    assert errors_in(validator_for(openapi, schema_path, method), response.json()) == []
