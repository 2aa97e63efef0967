import pytest

from regions.models import Contact, Organisation
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    OrganisationLinkFactory,
    PopulationGroupFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def test_regions_api_filters_and_lookup_by_code(client):
    RegionFactory(code="EL43", name="Kriti", name_national="Κρήτη", is_island=True, ris_group="moderate")
    RegionFactory(code="BE21", name="Prov. Antwerpen", ris_group="strong")
    RegionFactory(code="PT20", nuts_version=2024, name="Açores")

    def codes(query):
        return [r["code"] for r in client.get(f"/api/v1/regions/?{query}").json()["results"]]

    assert codes("search=Κρήτη") == ["EL43"]
    assert codes("typology=island") == ["EL43"]
    assert codes("innovation_group=strong") == ["BE21"]
    assert codes("country=be&level=2") == ["BE21"]
    assert codes("nuts_version=2024") == ["PT20"]
    detail = client.get("/api/v1/regions/EL43/").json()
    assert (detail["name_national"], detail["is_island"], detail["ris_group"]) == ("Κρήτη", True, "moderate")
    assert client.get("/api/v1/regions/PT20/?nuts_version=2024").json()["name"] == "Açores"
    assert client.get("/api/v1/regions/PT20/?nuts_version=2021").status_code == 404
    assert client.get("/api/v1/regions/PT20/?nuts_version=abc").status_code == 400


@pytest.mark.parametrize("n", [2, 30])
def test_regions_api_queries_do_not_grow(client, django_assert_num_queries, n):
    parent = RegionFactory(code="SE1", level=1)
    for i in range(n):
        RegionFactory(code=f"SE{i + 10}", parent=parent)

    with django_assert_num_queries(2):
        assert client.get("/api/v1/regions/?level=2").status_code == 200


def test_region_profile_patch_by_official_with_version(client_as, official, other_official, region):
    url = f"/api/v1/regions/{region.code}/"

    denied = client_as(other_official).patch(
        url, {"ris_group": "leader", "profile_version": 0}, content_type="application/json"
    )
    missing = client_as(official).patch(url, {"ris_group": "leader"}, content_type="application/json")
    bad = client_as(official).patch(url, {"ris_group": "best", "profile_version": 0}, content_type="application/json")
    ok = client_as(official).patch(url, {"ris_group": "leader", "profile_version": 0}, content_type="application/json")
    stale = client_as(official).patch(
        url, {"ris_group": "strong", "profile_version": 0}, content_type="application/json"
    )

    assert denied.status_code == 403
    assert missing.status_code == 400 and "profile_version" in missing.json()
    assert bad.status_code == 400 and "ris_group" in bad.json()
    assert ok.status_code == 200 and ok.json()["ris_group"] == "leader"
    assert stale.status_code == 409
    region.refresh_from_db()
    assert region.ris_group == "leader"


def test_contacts_api_is_closed_to_the_public_and_stakeholders(client_as, stakeholder, region):
    ContactFactory(organisation=OrganisationFactory(region=region))

    assert client_as(None).get("/api/v1/contacts/").status_code in (401, 403)
    assert client_as(stakeholder).get("/api/v1/contacts/").status_code == 403


def test_contacts_api_scoped_to_the_officials_regions(
    client_as, official, other_official, coordinator, region, other_region
):
    mine = ContactFactory(organisation=OrganisationFactory(region=region))
    theirs = ContactFactory(organisation=OrganisationFactory(region=other_region))

    def ids(user):
        return {c["id"] for c in client_as(user).get("/api/v1/contacts/").json()["results"]}

    assert ids(official) == {mine.id}
    assert ids(other_official) == {theirs.id}
    assert ids(coordinator) == {mine.id, theirs.id}
    assert client_as(official).get(f"/api/v1/contacts/{theirs.id}/").status_code == 404
    assert client_as(official).get(f"/api/v1/contacts/{mine.id}/export/").json()["email"] == mine.email
    assert client_as(official).delete(f"/api/v1/contacts/{theirs.id}/").status_code == 404
    assert client_as(official).delete(f"/api/v1/contacts/{mine.id}/").status_code == 204
    assert not Contact.objects.filter(pk=mine.pk).exists()


def test_contacts_api_create_needs_consent_and_own_organisation(client_as, official, region, other_region):
    mine, theirs = OrganisationFactory(region=region), OrganisationFactory(region=other_region)
    client = client_as(official)

    no_consent = client.post("/api/v1/contacts/", {"organisation": mine.pk, "name": "A", "email": "a@example.eu"})
    other = client.post(
        "/api/v1/contacts/", {"organisation": theirs.pk, "name": "A", "email": "a@example.eu", "consent_given": True}
    )
    ok = client.post(
        "/api/v1/contacts/", {"organisation": mine.pk, "name": "A", "email": "a@example.eu", "consent_given": True}
    )

    assert no_consent.status_code == 400 and "consent_given" in no_consent.json()
    assert other.status_code == 403
    assert ok.status_code == 201 and ok.json()["consent_at"]


def test_organisations_api_register_duplicate_and_review(client_as, stakeholder, coordinator, region):
    body = {
        "name": "Kuopio University Hospital",
        "region": "FI1D",
        "kind": "hospital",
        "value_chain_stages": ["validation"],
    }

    created = client_as(stakeholder).post("/api/v1/organisations/", body, content_type="application/json")
    duplicate = client_as(stakeholder).post(
        "/api/v1/organisations/", {**body, "name": "KUOPIO university hospital"}, content_type="application/json"
    )
    bad_stage = client_as(stakeholder).post(
        "/api/v1/organisations/",
        {**body, "name": "X", "value_chain_stages": ["magic"]},
        content_type="application/json",
    )

    assert created.status_code == 201 and created.json()["status"] == "pending"
    assert duplicate.status_code == 400 and "already registered" in str(duplicate.json()["name"])
    assert bad_stage.status_code == 400 and "value_chain_stages" in bad_stage.json()
    pk = created.json()["id"]
    assert client_as(None).get(f"/api/v1/organisations/{pk}/").status_code == 404
    assert (
        client_as(stakeholder).post(f"/api/v1/organisations/{pk}/review/", {"decision": "approve"}).status_code == 403
    )
    assert (
        client_as(coordinator).post(f"/api/v1/organisations/{pk}/review/", {"decision": "approve"}).status_code == 200
    )
    assert Organisation.objects.get(pk=pk).status == "approved"


@pytest.mark.parametrize("n", [2, 25])
def test_organisation_and_link_lists_queries_do_not_grow(client, django_assert_num_queries, n, region, other_region):
    for _ in range(n):
        OrganisationLinkFactory(
            source=OrganisationFactory(region=region), target=OrganisationFactory(region=other_region)
        )
        PopulationGroupFactory(regions=[region, other_region])

    with django_assert_num_queries(2):
        client.get("/api/v1/organisations/")
    with django_assert_num_queries(2):
        client.get("/api/v1/organisation-links/")
    with django_assert_num_queries(3):
        client.get("/api/v1/population-groups/")
    with django_assert_num_queries(2):
        client.get("/regions/organisations/")


def test_organisation_filters(client):
    fi = RegionFactory(code="FI1D")
    OrganisationFactory(region=fi, name="Borealis", kind="biobank", value_chain_stages=["research"])
    OrganisationFactory(
        region=RegionFactory(code="BE21"), name="UZA", kind="hospital", value_chain_stages=["implementation"]
    )

    def names(query):
        return [o["name"] for o in client.get(f"/api/v1/organisations/?{query}").json()["results"]]

    assert names("region=fi1d") == ["Borealis"]
    assert names("kind=hospital") == ["UZA"]
    assert names("stage=research") == ["Borealis"]
    assert names("country=BE") == ["UZA"]


def test_links_api_hides_links_to_pending_organisations(client, region):
    pending = OrganisationFactory(region=region, status="pending")
    OrganisationLinkFactory(source=OrganisationFactory(region=region), target=pending)
    visible = OrganisationLinkFactory(
        source=OrganisationFactory(region=region), target=OrganisationFactory(region=region)
    )

    assert [link["id"] for link in client.get("/api/v1/organisation-links/").json()["results"]] == [visible.id]


def test_population_groups_api_create_by_official_for_own_regions(
    client_as, official, stakeholder, region, other_region
):
    body = {"name": "Finnish disease heritage", "regions": ["FI1D"], "conditions_more_frequent": "A"}

    assert (
        client_as(stakeholder).post("/api/v1/population-groups/", body, content_type="application/json").status_code
        == 403
    )
    other = client_as(official).post(
        "/api/v1/population-groups/", {**body, "regions": ["BE21"]}, content_type="application/json"
    )
    unknown = client_as(official).post(
        "/api/v1/population-groups/", {**body, "regions": ["ZZ99"]}, content_type="application/json"
    )
    ok = client_as(official).post("/api/v1/population-groups/", body, content_type="application/json")

    assert other.status_code == 403
    assert unknown.status_code == 400 and "ZZ99" in str(unknown.json()["regions"])
    assert ok.status_code == 201 and ok.json()["regions"] == ["FI1D"]
