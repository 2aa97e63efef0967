"""NUL characters in the URL are a 400, never a database error (found by `make fuzz`)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/analytics/heatmap/?innovation_group=%00",
        "/api/v1/analytics/heatmap/?sort=a%00b",
        "/api/v1/modules/?q=%00",
        "/api/v1/themes/%00/",
        "/api/v1/regions/?%00=1",
    ],
)
def test_a_nul_character_in_an_api_url_is_a_json_400(url):
    response = APIClient().get(url)

    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_nul_character_in_a_page_url_is_a_400(client):
    assert client.get("/roadmap/?q=%00").status_code == 400


def test_the_heatmap_still_answers_ordinary_filters():
    response = APIClient().get("/api/v1/analytics/heatmap/?innovation_group=&sort=mean")

    assert response.status_code == 200
