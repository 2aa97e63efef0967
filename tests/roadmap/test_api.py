import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    FindingFactory,
    ModuleFactory,
    PilotFactory,
    RegionFactory,
    published_module,
    seed_theme,
)

from .conftest import publish_roadmap

pytestmark = pytest.mark.django_db


def test_modules_api_lists_published_only(client, library):
    ModuleFactory(code="DRAFT-01")

    data = client.get("/api/v1/modules/").json()

    assert data["count"] == 3
    assert [m["code"] for m in data["results"]] == ["ACCESS-01", "DATA-01", "GOV-01"]
    assert client.get("/api/v1/modules/DRAFT-01/").status_code == 404


def test_module_detail_api(client, library):
    data = client.get("/api/v1/modules/DATA-01/").json()

    assert data["prerequisites"] == ["GOV-01"]
    assert data["themes"] == ["DATA"]
    assert data["actions"][0]["kpi_target"] == "Yes"


def test_roadmaps_api_published_only(client, library, region, other_region):
    from roadmap import services

    publish_roadmap(region, (library["GOV-01"], 1))
    services.roadmap_item_add(
        roadmap=services.roadmap_for_region(region=other_region),
        module=library["GOV-01"],
        phase=1,
        lock_version=None,
        by=None,
    )

    data = client.get("/api/v1/roadmaps/").json()

    assert [r["region"] for r in data["results"]] == [region.code]
    assert client.get(f"/api/v1/roadmaps/{region.code}/").json()["module_codes"] == ["GOV-01"]
    assert client.get(f"/api/v1/roadmaps/{other_region.code}/").status_code == 404


def test_pilots_api_hides_drafts_from_the_public(client_as, coordinator):
    PilotFactory(slug="draft-pilot", status="draft")
    PilotFactory(slug="open-pilot")

    public = client_as(None).get("/api/v1/pilots/").json()
    staff = client_as(coordinator).get("/api/v1/pilots/").json()

    assert [p["slug"] for p in public["results"]] == ["open-pilot"]
    assert staff["count"] == 2
    assert client_as(None).get("/api/v1/pilots/draft-pilot/").status_code == 404


def test_pilots_api_filter_by_region(client):
    PilotFactory(slug="kriti", regions=[RegionFactory(code="EL43")])
    PilotFactory(slug="other")

    data = client.get("/api/v1/pilots/", {"region": "EL43"}).json()

    assert [p["slug"] for p in data["results"]] == ["kriti"]


def test_partners_api(client):
    region = RegionFactory(code="EL43")
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="gap")
    FindingFactory(region=RegionFactory(code="BE21"), theme=seed_theme("DATA"), kind="strength")
    FindingFactory(region=RegionFactory(code="ES70"), theme=seed_theme("DATA"), kind="gap")

    data = client.get("/api/v1/regions/EL43/partners/").json()

    assert [p["region"] for p in data["partners"]] == ["BE21"]
    assert data["partners"][0]["reasons"]
    assert [s["region"] for s in data["shared_gaps"]] == ["ES70"]
    assert client.get("/api/v1/regions/XX99/partners/").status_code == 404


def test_search_api_in_english_and_french(client, library):
    english = client.get("/api/v1/search/", {"q": "telemedicine"}).json()
    french = client.get("/api/v1/search/", {"q": "éloignées", "lang": "fr"}).json()

    assert [m["code"] for m in english["modules"]] == ["ACCESS-01"]
    assert [m["code"] for m in french["modules"]] == ["ACCESS-01"]


def test_search_api_needs_q(client):
    response = client.get("/api/v1/search/")

    assert response.status_code == 400
    assert "q" in response.json()


@pytest.mark.parametrize("url", ["/api/v1/modules/", "/api/v1/roadmaps/", "/api/v1/pilots/"])
def test_api_lists_constant_queries(client, url):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    publish_roadmap(RegionFactory(), (published_module("A-01"), 1))
    PilotFactory()
    few = count()
    for n in range(12):
        publish_roadmap(RegionFactory(), (published_module(f"M-{n:02d}", themes=["DATA"]), 1))
        PilotFactory(regions=[RegionFactory(), RegionFactory()])

    assert count() == few
