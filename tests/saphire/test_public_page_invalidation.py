"""Each kind of cached public page changes right after the service that changes what it shows."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from mapping import services as mapping_services
from mapping.models import Response
from regions import nuts
from regions import services as region_services
from regions.models import Organisation, Region
from reports import services as report_services
from reports.models import Report
from roadmap import services as roadmap_services
from saphire import page_cache
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PilotFactory,
    RegionFactory,
    ReportFactory,
    published_module,
)
from tests.mapping.conftest import campaign, version  # noqa: F401
from tests.mapping.test_views import fill_complete
from workshops import services as event_services
from workshops.models import Event

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[25, 66], [27, 66], [27, 68], [25, 68], [25, 66]]]}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as if its transaction committed (the test's own transaction never does)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def page(client, path, **params) -> str:
    """The page without its CSRF tokens, which are masked afresh on every response."""
    response = client.get(path, params)
    assert response.status_code == 200, path
    return re.sub(r"[A-Za-z0-9]{64}", "<token>", response.content.decode())


def cached_page(client, path, **params) -> str:
    """The page, asked twice to show that it is cached as it is (so that a change later means something)."""
    first = page(client, path, **params)
    assert page(client, path, **params) == first
    return first


# Regions -----------------------------------------------------------------------------------------


def test_a_page_stays_cached_while_no_service_runs(client, region):
    """The control: an edit that bypasses the services is not seen, so the tests below test the cache."""
    assert "Sauna culture" not in page(client, f"/regions/{region.code}/")

    Region.objects.filter(pk=region.pk).update(health_system_notes="Sauna culture")

    assert "Sauna culture" not in page(client, f"/regions/{region.code}/")
    page_cache.forget_local()  # this process's copy gone, Redis still has the page
    assert "Sauna culture" not in page(client, f"/regions/{region.code}/")


def test_region_profile_changes_when_the_profile_is_edited(client, committed, region, official):
    assert "Sauna culture" not in page(client, f"/regions/{region.code}/")

    committed(
        region_services.region_profile_update,
        region=region,
        data={"health_system_notes": "Sauna culture"},
        expected_version=region.profile_version,
        user=official,
    )

    assert "Sauna culture" in page(client, f"/regions/{region.code}/")


def write_nuts(tmp_path, *codes_and_names) -> str:
    features = [
        {
            "type": "Feature",
            "geometry": SQUARE,
            "properties": {"NUTS_ID": code, "LEVL_CODE": len(code) - 2, "NAME_LATN": name, "NUTS_NAME": name},
        }
        for code, name in codes_and_names
    ]
    path = tmp_path / "NUTS_RG_60M_2021_4326.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.mark.parametrize("path", ["/regions/", "/regions/?level=2", "/regions/map/", "/regions/map/?level=2"])
def test_region_list_and_map_change_when_regions_are_imported(client, committed, tmp_path, path):
    RegionFactory(code="FI", name="Suomi")
    RegionFactory(code="FI1", name="Manner-Suomi")
    assert "Lappi" not in page(client, path)

    committed(nuts.nuts_import, path=write_nuts(tmp_path, ("FI", "Suomi"), ("FI1", "Manner-Suomi"), ("FI1D", "Lappi")))

    assert "Lappi" in page(client, path)


@pytest.mark.parametrize("level", [2, 3])
def test_map_at_each_level_changes_when_a_profile_is_edited(client, committed, official, level):
    region = RegionFactory(code="FI1C" if level == 2 else "FI1C1", name="Etelä-Suomi", ris_group="", geometry=SQUARE)
    before = cached_page(client, "/regions/map/", level=level, indicator="ris_group")

    committed(
        region_services.region_profile_update,
        region=region,
        data={"ris_group": "moderate"},
        expected_version=region.profile_version,
        user=official,
    )

    assert page(client, "/regions/map/", level=level, indicator="ris_group") != before


# Organisations -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/regions/organisations/", "/regions/{code}/"])
def test_organisation_pages_change_when_an_organisation_is_approved(client, committed, region, coordinator, path):
    organisation = OrganisationFactory(region=region, name="Oulu Biobank", status=Organisation.Status.PENDING)
    assert "Oulu Biobank" not in page(client, path.format(code=region.code))

    committed(region_services.organisation_review, organisation=organisation, approve=True, user=coordinator)

    assert "Oulu Biobank" in page(client, path.format(code=region.code))


def test_network_changes_when_organisations_are_linked(client, committed, region, coordinator):
    source = OrganisationFactory(region=region, name="Oulu University Hospital")
    target = OrganisationFactory(region=region, name="Oulu Biobank")
    assert "Oulu Biobank" not in page(client, "/regions/organisations/network/")

    committed(region_services.link_create, source=source, target=target, kind="research", user=coordinator)

    assert "Oulu Biobank" in page(client, "/regions/organisations/network/")


# Events ------------------------------------------------------------------------------------------


@pytest.fixture
def event(region, coordinator):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    return EventFactory(
        title="Genomics workshop",
        host_regions=[region],
        coordinators=[coordinator],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )


def event_pages(event) -> list[tuple[str, dict]]:
    return [
        ("/events/", {}),
        ("/events/", {"view": "month", "month": event.starts_at.strftime("%Y-%m")}),
        (f"/events/{event.pk}/", {}),
        (f"/regions/{event.host_regions.get().code}/", {}),
    ]


def test_event_pages_change_when_an_event_is_changed(client, committed, event, coordinator):
    for path, params in event_pages(event):
        assert "Pharmacogenomics workshop" not in page(client, path, **params)

    committed(event_services.event_update, event=event, by=coordinator, title="Pharmacogenomics workshop")

    for path, params in event_pages(event):
        assert "Pharmacogenomics workshop" in page(client, path, **params), path


@pytest.mark.parametrize("view", ["list", "month"])
def test_calendar_changes_when_an_event_is_confirmed(client, committed, event, coordinator, view):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PLANNED, confirmed_at=None)
    event.refresh_from_db()
    params = {"view": view, "month": event.starts_at.strftime("%Y-%m")}
    assert f"/events/{event.pk}/" not in page(client, "/events/", **params)

    committed(event_services.event_confirm, event=event, by=coordinator)

    assert f"/events/{event.pk}/" in page(client, "/events/", **params)


# Results -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/mapping/results/", "/mapping/results/map/", "/mapping/results/regions/{code}/"])
def test_results_change_when_answers_are_accepted(
    client,
    committed,
    region,
    official,
    coordinator,
    campaign,  # noqa: F811
    version,  # noqa: F811
    path,
):
    response = Response.objects.create(campaign=campaign, region=region)
    fill_complete(response, version, official)
    mapping_services.response_submit(response=response, by=official)
    url = path.format(code=region.code)
    params = {"campaign": campaign.pk} if "{code}" not in path else {}
    before = cached_page(client, url, **params)

    committed(mapping_services.response_accept, response=response, by=coordinator)

    assert page(client, url, **params) != before


# Roadmap -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/roadmap/regions/{code}/", "/regions/{code}/"])
def test_roadmap_pages_change_when_a_roadmap_is_published(client, committed, region, path):
    strategy = published_module("GOV-01", title="Regional personalised medicine strategy")
    data = published_module("DATA-01", title="Health-data infrastructure")
    roadmap = roadmap_services.roadmap_for_region(region=region)
    roadmap_services.roadmap_item_add(roadmap=roadmap, module=strategy, phase=1, lock_version=None, by=None)
    roadmap_services.roadmap_publish(roadmap=roadmap, by=None)
    roadmap_services.roadmap_item_add(roadmap=roadmap, module=data, phase=2, lock_version=None, by=None)
    before = cached_page(client, path.format(code=region.code))

    committed(roadmap_services.roadmap_publish, roadmap=roadmap, by=None)

    assert page(client, path.format(code=region.code)) != before


def test_pilots_change_when_a_pilot_is_saved(client, committed, region):
    PilotFactory(title="Open pilot")
    assert "Newborn screening" not in page(client, "/pilots/")

    committed(
        roadmap_services.pilot_save,
        slug="newborn",
        title="Newborn screening",
        summary="Genomic newborn screening.",
        regions=[region],
        status="running",
    )

    assert "Newborn screening" in page(client, "/pilots/")


# Reports -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/reports/", "/regions/{code}/"])
def test_published_reports_appear_when_a_report_is_published(client, committed, region, coordinator, path):
    report = ReportFactory(region=region, status=Report.Status.DONE, finished_at=timezone.now())
    assert f"/reports/{report.pk}/" not in page(client, path.format(code=region.code))

    committed(report_services.report_publish, report=report, published_by=coordinator)

    assert f"/reports/{report.pk}/" in page(client, path.format(code=region.code))
