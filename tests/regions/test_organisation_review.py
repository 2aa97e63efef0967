"""Organisations stay where their region's officials put them, and a submitter's changes are reviewed."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from regions import services
from regions.models import Organisation, OrganisationLink, OrganisationRevision
from regions.validators import validate_web_url
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    RegionFactory,
    RegionMembershipFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE_URL = 'https://x.example/"><script>alert(1)</script>'


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def austria(db):
    return RegionFactory(code="AT11", name="Burgenland", country_code="AT", level=2)


@pytest.fixture
def owned(stakeholder, region):
    """An approved organisation registered by the stakeholder."""
    return OrganisationFactory(
        region=region, name="Oulu Genomics", submitted_by=stakeholder, website="https://genomics.example/"
    )


def form_data(organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "region_code": organisation.region.code,
        "kind": organisation.kind,
        "value_chain_stages": organisation.value_chain_stages,
        "website": organisation.website,
        "description": organisation.description,
        "strengths": organisation.strengths,
    }
    return {**data, **changes}


# Item: officials place organisations only in their own regions -----------------------------------


def test_official_cannot_move_an_organisation_with_its_contacts_to_another_region_by_api(official, region, austria):
    organisation = OrganisationFactory(region=region)
    ContactFactory(organisation=organisation, email="anna@oulu.example.eu")
    austrian = RegionMembershipFactory(region=austria).user

    reply = api(official).patch(f"/api/v1/organisations/{organisation.pk}/", {"region": "AT11"}, format="json")

    assert reply.status_code == 400
    assert "AT11" in str(reply.json()["region"])
    organisation.refresh_from_db()
    assert organisation.region == region
    assert api(austrian).get("/api/v1/contacts/").json()["results"] == []


def test_official_cannot_move_an_organisation_to_another_region_on_the_page(client_as, official, region, austria):
    organisation = OrganisationFactory(region=region)

    reply = client_as(official).post(
        f"/regions/organisations/{organisation.pk}/edit/", form_data(organisation, region_code="AT11")
    )

    assert reply.status_code == 200
    assert "You can only place organisations in regions you are an official of; not AT11." in reply.content.decode()
    organisation.refresh_from_db()
    assert organisation.region == region


def test_official_cannot_register_an_organisation_in_another_region(client_as, official, austria):
    by_api = api(official).post(
        "/api/v1/organisations/", {"name": "Elsewhere", "region": "AT11", "kind": "hospital"}, format="json"
    )
    by_page = client_as(official).post(
        "/regions/organisations/register/", {"name": "Elsewhere", "region_code": "AT11", "kind": "hospital"}
    )

    assert by_api.status_code == 400 and "region" in by_api.json()
    assert by_page.status_code == 200
    assert not Organisation.objects.exists()


def test_official_of_two_regions_moves_between_them(official, region, other_region):
    RegionMembershipFactory(user=official, region=other_region)
    organisation = OrganisationFactory(region=region)

    reply = api(official).patch(f"/api/v1/organisations/{organisation.pk}/", {"region": "BE21"}, format="json")

    assert reply.status_code == 200
    assert reply.json()["region"] == "BE21"


def test_official_keeps_an_organisation_in_place_while_editing(official, region):
    organisation = OrganisationFactory(region=region)

    reply = api(official).patch(
        f"/api/v1/organisations/{organisation.pk}/", {"region": "FI1D", "name": "Renamed"}, format="json"
    )

    assert reply.status_code == 200
    assert Organisation.objects.get().name == "Renamed"


def test_coordinator_moves_organisations_anywhere(coordinator, region, austria):
    organisation = OrganisationFactory(region=region)

    reply = api(coordinator).patch(f"/api/v1/organisations/{organisation.pk}/", {"region": "AT11"}, format="json")

    assert reply.status_code == 200
    assert Organisation.objects.get().region == austria


# Item: a submitter's changes to an approved organisation wait for review ----------------------------


def test_submitter_page_edit_waits_for_review_and_public_sees_the_approved_version(
    client_as, stakeholder, coordinator, owned, austria
):
    reply = client_as(stakeholder).post(
        f"/regions/organisations/{owned.pk}/edit/",
        form_data(owned, name="Phishing Ltd", website="https://phish.example/", region_code="AT11"),
        follow=True,
    )

    assert "a coordinator will review your changes" in reply.content.decode()
    owned.refresh_from_db()
    assert (owned.name, owned.website, owned.region.code, owned.status) == (
        "Oulu Genomics",
        "https://genomics.example/",
        "FI1D",
        "approved",
    )
    public = client_as(None).get(f"/regions/organisations/{owned.pk}/").content.decode()
    assert "Oulu Genomics" in public and "Phishing Ltd" not in public and "phish.example" not in public
    staff = client_as(coordinator).get(f"/regions/organisations/{owned.pk}/").content.decode()
    assert "Changes awaiting review" in staff and "Phishing Ltd" in staff

    revision = OrganisationRevision.objects.get()
    client_as(coordinator).post(f"/regions/organisations/changes/{revision.pk}/review/", {"decision": "approve"})

    owned.refresh_from_db()
    assert (owned.name, owned.website, owned.region) == ("Phishing Ltd", "https://phish.example/", austria)
    assert OrganisationRevision.objects.get().status == "approved"


def test_submitter_api_edit_answers_202_and_builds_on_the_pending_changes(stakeholder, coordinator, owned):
    first = api(stakeholder).patch(f"/api/v1/organisations/{owned.pk}/", {"name": "New name"}, format="json")
    second = api(stakeholder).patch(f"/api/v1/organisations/{owned.pk}/", {"description": "New text"}, format="json")

    assert first.status_code == second.status_code == 202
    assert second.json()["name"] == "Oulu Genomics"
    assert (second.json()["pending_changes"]["name"], second.json()["pending_changes"]["description"]) == (
        "New name",
        "New text",
    )
    assert OrganisationRevision.objects.count() == 1
    public = api().get(f"/api/v1/organisations/{owned.pk}/").json()
    assert (public["name"], public["pending_changes"]) == ("Oulu Genomics", None)

    approved = api(coordinator).post(
        f"/api/v1/organisations/{owned.pk}/review-changes/", {"decision": "approve"}, format="json"
    )

    assert approved.status_code == 200
    assert (approved.json()["name"], approved.json()["description"]) == ("New name", "New text")
    assert approved.json()["pending_changes"] is None


def test_rejected_changes_leave_the_organisation_as_approved(stakeholder, coordinator, owned):
    api(stakeholder).patch(f"/api/v1/organisations/{owned.pk}/", {"website": "https://phish.example/"}, format="json")

    rejected = api(coordinator).post(
        f"/api/v1/organisations/{owned.pk}/review-changes/", {"decision": "reject", "note": "No."}, format="json"
    )
    again = api(coordinator).post(
        f"/api/v1/organisations/{owned.pk}/review-changes/", {"decision": "approve"}, format="json"
    )

    assert rejected.status_code == 200
    assert Organisation.objects.get().website == "https://genomics.example/"
    assert OrganisationRevision.objects.get().status == "rejected"
    assert again.status_code == 404


def test_only_coordinators_review_changes(client_as, stakeholder, official, other_official, owned):
    api(stakeholder).patch(f"/api/v1/organisations/{owned.pk}/", {"name": "Mine now"}, format="json")
    revision = OrganisationRevision.objects.get()
    url = f"/regions/organisations/changes/{revision.pk}/review/"

    assert client_as(stakeholder).post(url, {"decision": "approve"}).status_code == 403
    assert client_as(official).post(url, {"decision": "approve"}).status_code == 403
    assert client_as(other_official).post(url, {"decision": "approve"}).status_code == 404
    assert (
        api(stakeholder)
        .post(f"/api/v1/organisations/{owned.pk}/review-changes/", {"decision": "approve"}, format="json")
        .status_code
        == 403
    )
    assert Organisation.objects.get().name == "Oulu Genomics"


def test_region_official_edits_apply_at_once(official, owned):
    reply = api(official).patch(f"/api/v1/organisations/{owned.pk}/", {"name": "Official name"}, format="json")

    assert reply.status_code == 200
    assert Organisation.objects.get().name == "Official name"
    assert not OrganisationRevision.objects.exists()


def test_submitter_edits_of_a_pending_registration_apply_and_stay_pending(stakeholder, region):
    organisation = OrganisationFactory(region=region, submitted_by=stakeholder, status="pending")

    reply = api(stakeholder).patch(f"/api/v1/organisations/{organisation.pk}/", {"name": "Typo fixed"}, format="json")

    assert reply.status_code == 200
    organisation.refresh_from_db()
    assert (organisation.name, organisation.status) == ("Typo fixed", "pending")


def test_approving_changes_that_now_clash_with_another_name_is_refused(stakeholder, coordinator, owned, region):
    api(stakeholder).patch(f"/api/v1/organisations/{owned.pk}/", {"name": "Taken later"}, format="json")
    OrganisationFactory(region=region, name="Taken later")

    reply = api(coordinator).post(
        f"/api/v1/organisations/{owned.pk}/review-changes/", {"decision": "approve"}, format="json"
    )

    assert reply.status_code == 400
    assert "already registered" in str(reply.json()["name"])
    assert OrganisationRevision.objects.get().status == "pending"


# Links made by a stakeholder wait for review ------------------------------------------------------------


def test_stakeholder_link_waits_for_review_then_is_shown(client_as, stakeholder, coordinator, owned, other_region):
    partner = OrganisationFactory(region=other_region, name="Antwerp University")

    created = api(stakeholder).post(
        "/api/v1/organisation-links/", {"source": owned.pk, "target": partner.pk}, format="json"
    )

    assert created.status_code == 201 and created.json()["status"] == "pending"
    assert api().get("/api/v1/organisation-links/").json()["results"] == []
    assert "Antwerp University" not in client_as(None).get(f"/regions/organisations/{owned.pk}/").content.decode()
    link = OrganisationLink.objects.get()
    assert (
        api(stakeholder)
        .post(f"/api/v1/organisation-links/{link.pk}/review/", {"decision": "approve"}, format="json")
        .status_code
        == 403
    )

    approved = api(coordinator).post(
        f"/api/v1/organisation-links/{link.pk}/review/", {"decision": "approve"}, format="json"
    )

    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert [row["id"] for row in api().get("/api/v1/organisation-links/").json()["results"]] == [link.pk]


def test_stakeholder_link_on_the_page_waits_and_a_coordinator_rejects_it(
    client_as, stakeholder, coordinator, owned, other_region
):
    partner = OrganisationFactory(region=other_region)

    reply = client_as(stakeholder).post(
        f"/regions/organisations/{owned.pk}/links/new/", {"target": partner.pk, "kind": "project"}, follow=True
    )
    link = OrganisationLink.objects.get()
    client_as(coordinator).post(f"/regions/organisations/links/{link.pk}/review/", {"decision": "reject"})

    assert "a coordinator will review it" in reply.content.decode()
    assert link.status == "pending"
    assert not OrganisationLink.objects.exists()


def test_official_link_is_shown_at_once(official, region, other_region):
    mine, partner = OrganisationFactory(region=region), OrganisationFactory(region=other_region)

    created = api(official).post(
        "/api/v1/organisation-links/", {"source": mine.pk, "target": partner.pk}, format="json"
    )

    assert created.json()["status"] == "approved"
    assert len(api().get("/api/v1/organisation-links/").json()["results"]) == 1


# Websites: http(s) and RFC 3986 characters only ---------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        HOSTILE_URL,
        'https://x.example/"><script>',
        "https://x.example/a b",
        "https://x.example/<",
        "https://x.example/%zz",
        "javascript:alert(1)",
        "ftp://x.example/",
        "https://bücher.example/",
    ],
)
def test_website_validator_refuses(url):
    with pytest.raises(ValidationError):
        validate_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/",
        "http://x.example/a/b?c=d&e=f#g",
        "https://xn--bcher-kva.example/%C3%A4",
        "https://x.eu/(1)",
    ],
)
def test_website_validator_accepts(url):
    validate_web_url(url)


def test_hostile_website_is_refused_by_page_api_and_model(client_as, coordinator, region, owned):
    page = client_as(coordinator).post(
        f"/regions/organisations/{owned.pk}/edit/", form_data(owned, website=HOSTILE_URL)
    )
    created = api(coordinator).post(
        "/api/v1/organisations/",
        {"name": "X", "region": "FI1D", "kind": "hospital", "website": HOSTILE_URL},
        format="json",
    )
    patched = api(coordinator).patch(f"/api/v1/organisations/{owned.pk}/", {"website": HOSTILE_URL}, format="json")

    assert page.status_code == 200 and "Enter a web address" in page.content.decode()
    assert created.status_code == 400 and "website" in created.json()
    assert patched.status_code == 400 and "website" in patched.json()
    owned.website = HOSTILE_URL
    with pytest.raises(ValidationError) as error:
        owned.full_clean()
    assert "website" in error.value.message_dict
    assert Organisation.objects.get().website == "https://genomics.example/"


def test_service_refuses_duplicate_names_in_a_revision(stakeholder, owned, region):
    OrganisationFactory(region=region, name="Someone Else")
    data = {
        name: getattr(owned, name) for name in ("kind", "value_chain_stages", "website", "description", "strengths")
    }

    with pytest.raises(ValidationError):
        services.organisation_update(
            organisation=owned, data={**data, "name": "someone else"}, region=region, user=stakeholder, reviewed=True
        )

    assert not OrganisationRevision.objects.exists()


@pytest.mark.parametrize("n", [2, 25])
def test_organisation_api_list_with_pending_changes_in_constant_queries(
    coordinator, region, django_assert_num_queries, n
):
    for index in range(n):
        organisation = OrganisationFactory(region=region)
        OrganisationRevision.objects.create(
            organisation=organisation,
            region=region,
            data={
                "name": f"Renamed {index}",
                "kind": "hospital",
                "value_chain_stages": [],
                "website": "",
                "description": "",
                "strengths": "",
            },
        )
    client = api(coordinator)

    with django_assert_num_queries(3):  # count, page, pending changes
        reply = client.get("/api/v1/organisations/")

    assert sorted(row["pending_changes"]["name"] for row in reply.json()["results"]) == sorted(
        f"Renamed {index}" for index in range(n)
    )
