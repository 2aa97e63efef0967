import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("url", ["/api/v1/organisations/", "/api/v1/organisation-links/"])
def test_json_body_nested_too_deeply_is_a_400(coordinator, url):
    client = APIClient()
    client.force_authenticate(coordinator)

    reply = client.post(url, DEEP, content_type="application/json")

    assert reply.status_code == 400
    assert "nested too deeply" in str(reply.json())


def test_ordinary_json_still_parses(coordinator, region):
    client = APIClient()
    client.force_authenticate(coordinator)

    reply = client.post(
        "/api/v1/organisations/", {"name": "Plain", "region": region.code, "kind": "hospital"}, format="json"
    )

    assert reply.status_code == 201
