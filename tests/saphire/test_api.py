import pytest
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_login_then_token_auth(official, region):
    client = APIClient()

    response = client.post("/api/v1/auth/token/", {"username": "olli", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json() == {
        "id": official.pk,
        "username": "olli",
        "email": "olli@example.eu",
        "role": "official",
        "region_ids": [region.pk],
        "language": "",
        "timezone": "",
    }


def test_token_with_wrong_password_is_400_with_field_message(official):
    response = APIClient().post("/api/v1/auth/token/", {"username": "olli", "password": "nope"}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_me_requires_authentication():
    assert APIClient().get("/api/v1/me/").status_code in (401, 403)


def test_openapi_schema_and_swagger_ui_are_served_locally(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "SAPHIRe Regions API"
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in body
    assert "cdn" not in body.lower()


def test_security_headers_on_pages(client):
    response = client.get("/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
