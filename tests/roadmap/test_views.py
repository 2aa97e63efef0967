import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadmap import services
from roadmap.models import RoadmapItem, RoadmapVersion
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


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_home_lists_published_modules_and_roadmaps_only(client, library, region):
    ModuleFactory(code="DRAFT-01", title="Unpublished idea")
    publish_roadmap(region, (library["GOV-01"], 1))

    body = client.get("/roadmap/").content.decode()

    assert "GOV-01" in body and "ACCESS-01" in body
    assert "DRAFT-01" not in body
    assert f"/roadmap/regions/{region.code}/" in body


def test_home_search_and_theme_filter(client, library):
    body = client.get("/roadmap/", {"q": "telemed", "theme": "ACCESS"}).content.decode()

    assert "/roadmap/modules/ACCESS-01/" in body
    assert "/roadmap/modules/DATA-01/" not in body


def test_home_cache_is_invalidated_on_publish(client, library, django_capture_on_commit_callbacks):
    assert "NEW-01" not in client.get("/roadmap/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        published_module("NEW-01", title="A new module")

    assert "NEW-01" in client.get("/roadmap/").content.decode()


@pytest.mark.parametrize("url", ["/roadmap/", "/roadmap/?q=module", "/roadmap/dependencies/", "/pilots/"])
def test_list_pages_constant_queries(client_as, coordinator, url):
    # Signed in, so the page is rendered rather than served from the cache.
    client = client_as(coordinator)
    published_module("A-01", themes=["DATA"])
    publish_roadmap(RegionFactory(), (published_module("B-01"), 1))
    PilotFactory()
    few = queries(client, url)
    for n in range(15):
        module = published_module(f"M-{n:02d}", themes=["DATA", "EDU"])
        publish_roadmap(RegionFactory(), (module, 1))
        PilotFactory(regions=[RegionFactory(), RegionFactory()])

    assert queries(client, url) == few


def test_module_page_queries_do_not_grow_with_the_regions_using_it(client_as, coordinator):
    client = client_as(coordinator)  # signed in, so the page is rendered rather than served from the cache
    module = published_module("A-01", themes=["DATA"])
    publish_roadmap(RegionFactory(code="FI1D"), (module, 1))
    client.get("/roadmap/modules/A-01/")  # the first visit also fills the content-type cache
    few = queries(client, "/roadmap/modules/A-01/")
    for n in range(15):
        # Greek and Bulgarian names are transliterations: their name's tag also reads the national script.
        publish_roadmap(RegionFactory(code=f"EL{n:02d}", name_national="Κρήτη"), (module, 1))

    assert queries(client, "/roadmap/modules/A-01/") == few


def test_module_page_shows_actions_regions_and_changes(client, library, region):
    publish_roadmap(region, (library["GOV-01"], 1), (library["DATA-01"], 2))
    module = library["DATA-01"]
    services.module_action_add(
        module=module,
        title="Adopt FHIR profiles",
        actor_type="hospital",
        horizon="medium",
        cost_level="medium",
        kpi="Hospitals exchanging FHIR",
        kpi_target="80%",
    )
    services.module_publish(module=module, by=None)

    body = client.get("/roadmap/modules/DATA-01/").content.decode()

    assert "Adopt FHIR profiles" in body and "80%" in body
    assert "Regions that use this module" in body and f'{region.code} <span lang="fi">{region.name}</span>' in body
    assert "Actions added: Adopt FHIR profiles" in body
    assert "GOV-01" in body  # builds on


def test_draft_module_page_is_404_for_everyone(client_as, coordinator):
    ModuleFactory(code="DRAFT-01")

    assert client_as(None).get("/roadmap/modules/DRAFT-01/").status_code == 404
    assert client_as(coordinator).get("/roadmap/modules/DRAFT-01/").status_code == 404


def test_unpublished_roadmap_is_404_for_the_public_and_other_officials(
    client_as, region, official, other_official, library
):
    roadmap = services.roadmap_for_region(region=region)
    services.roadmap_item_add(roadmap=roadmap, module=library["GOV-01"], phase=1, lock_version=None, by=None)

    assert client_as(None).get(f"/roadmap/regions/{region.code}/").status_code == 404
    assert client_as(other_official).get(f"/roadmap/regions/{region.code}/").status_code == 404
    assert client_as(official).get(f"/roadmap/regions/{region.code}/").status_code == 302


def test_region_roadmap_page_shows_phases_and_timeline(client, region, library):
    version = publish_roadmap(region, (library["GOV-01"], 1), (library["DATA-01"], 2))
    item = RoadmapItem.objects.get(roadmap=version.roadmap, module=library["GOV-01"])
    services.roadmap_item_update(item=item, status="in_progress", progress=40, notes="", lock_version=None, by=None)

    body = client.get(f"/roadmap/regions/{region.code}/").content.decode()

    assert "Phase 1: Foundations" in body and "2026–2027" in body
    assert "Phase 2: Build" in body and "2028–2029" in body
    assert "Planned → In progress" in body
    assert "Version 1 published" in body


def test_builder_permissions(client_as, region, official, other_official, stakeholder, coordinator):
    url = f"/roadmap/regions/{region.code}/edit/"

    assert client_as(None).get(url).status_code == 302
    assert client_as(stakeholder).get(url).status_code == 403
    assert client_as(other_official).get(url).status_code == 403
    assert client_as(official).get(url).status_code == 200
    assert client_as(coordinator).get(url).status_code == 200


def test_builder_add_wrong_order_refused_with_reason(client_as, official, region, library):
    client = client_as(official)
    roadmap = services.roadmap_for_region(region=region)
    services.roadmap_item_add(roadmap=roadmap, module=library["GOV-01"], phase=2, lock_version=None, by=None)
    roadmap.refresh_from_db()

    response = client.post(
        f"/roadmap/regions/{region.code}/edit/add/",
        {"module": "DATA-01", "phase": "1", "lock_version": roadmap.lock_version},
        follow=True,
    )

    assert "DATA-01 needs GOV-01 first" in response.content.decode()
    assert not roadmap.items.filter(module=library["DATA-01"]).exists()


def test_builder_stale_form_refused(client_as, official, region, library):
    client = client_as(official)
    roadmap = services.roadmap_for_region(region=region)
    stale = roadmap.lock_version
    services.roadmap_item_add(roadmap=roadmap, module=library["GOV-01"], phase=1, lock_version=stale, by=None)

    response = client.post(
        f"/roadmap/regions/{region.code}/edit/add/",
        {"module": "DATA-01", "phase": "2", "lock_version": stale},
        follow=True,
    )

    assert "Someone else changed this" in response.content.decode()
    assert roadmap.items.count() == 1


def test_builder_shows_explained_suggestions(client_as, coordinator, region, library):
    FindingFactory(region=region, theme=seed_theme("DATA"), severity=4, title="No shared records")

    body = client_as(coordinator).get(f"/roadmap/regions/{region.code}/edit/").content.decode()

    assert "Suggested because: confirmed gap “No shared records” (severity 4/5)." in body


def test_official_publishes_own_region(client_as, official, region, library):
    services.roadmap_item_add(
        roadmap=services.roadmap_for_region(region=region),
        module=library["GOV-01"],
        phase=1,
        lock_version=None,
        by=None,
    )

    response = client_as(official).post(f"/roadmap/regions/{region.code}/edit/publish/")

    assert response.status_code == 302
    assert RoadmapVersion.objects.get(region=region).published_by == official


def test_module_curation_needs_a_coordinator(client_as, official, coordinator):
    data = {"code": "new-01", "title": "New", "summary": "Something"}

    assert client_as(official).post("/roadmap/library/new/", data).status_code == 403
    response = client_as(coordinator).post("/roadmap/library/new/", data)

    assert response.status_code == 302
    assert response["Location"] == "/roadmap/library/NEW-01/"


def test_module_form_cycle_refused_and_typed_values_kept(client_as, coordinator, library):
    gov = library["GOV-01"]
    response = client_as(coordinator).post(
        "/roadmap/library/GOV-01/",
        {
            "title": "Strategy, renamed",
            "summary": gov.summary,
            "prerequisites": [library["ACCESS-01"].pk],
            "lock_version": gov.lock_version,
        },
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "GOV-01 → ACCESS-01 → DATA-01 → GOV-01" in body
    assert 'value="Strategy, renamed"' in body


def test_pilot_pages_hide_drafts(client_as, coordinator):
    PilotFactory(slug="secret", title="Secret pilot", status="draft")
    PilotFactory(slug="open", title="Open pilot")

    public = client_as(None).get("/pilots/").content.decode()
    assert "Open pilot" in public and "Secret pilot" not in public
    assert client_as(None).get("/pilots/secret/").status_code == 404
    assert client_as(coordinator).get("/pilots/secret/").status_code == 200


def test_pilot_filters_by_region(client):
    kriti = RegionFactory(code="EL43")
    PilotFactory(title="Cretan pilot", regions=[kriti])
    PilotFactory(title="Elsewhere")

    body = client.get("/pilots/", {"region": "EL43"}).content.decode()

    assert "Cretan pilot" in body and "Elsewhere" not in body


def test_partners_page(client):
    region = RegionFactory(code="EL43")
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="gap")
    partner = RegionFactory(code="BE21", name="Prov. Antwerpen")
    FindingFactory(region=partner, theme=seed_theme("DATA"), kind="strength", title="Data platform")

    body = client.get("/roadmap/regions/EL43/partners/").content.decode()

    assert 'BE21 <span lang="nl">Prov. Antwerpen</span>' in body and "Data platform" in body


def test_cached_public_page_lets_each_visitor_switch_language(library):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/roadmap/")
    page = second.get("/roadmap/").content.decode()  # from the cache

    assert "csrfmiddlewaretoken" not in page and 'class="language-form"' in page
    response = second.post("/i18n/setlang/", {"language": "fr", "next": "/roadmap/"})
    assert response.status_code == 302
    assert '<html lang="fr"' in second.get("/roadmap/").content.decode()


def test_signed_in_pages_are_not_served_from_the_public_cache(client, client_as, coordinator, library):
    client.get("/roadmap/modules/GOV-01/")

    body = client_as(coordinator).get("/roadmap/modules/GOV-01/").content.decode()

    assert "Edit in the library" in body


def test_region_profile_section_lists_roadmap_and_public_pilots(region, library):
    from django.template.loader import render_to_string

    from roadmap.region_profile import sections

    publish_roadmap(region, (library["GOV-01"], 1))
    PilotFactory(title="Open pilot", regions=[region])
    PilotFactory(title="Draft pilot", regions=[region], status="draft")

    [section] = sections(region=region, user=None)
    html = render_to_string(section.template, section.context)

    assert "Published roadmap (version 1) with 1 module" in html
    assert "Open pilot" in html and "Draft pilot" not in html
