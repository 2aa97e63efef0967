import json

import pytest
from django.core.exceptions import ValidationError

from regions import services
from regions.models import Contact, ContactErasure, Organisation, OrganisationLink, PopulationGroup, ProfileChange
from tests.factories import ContactFactory, OrganisationFactory, PopulationGroupFactory, RegionFactory

pytestmark = pytest.mark.django_db


def org_data(name="Oulu University Hospital"):
    return {"name": name, "kind": "hospital", "value_chain_stages": ["validation"], "website": "", "description": ""}


def test_stakeholder_registers_and_coordinator_approves(client_as, stakeholder, coordinator, region):
    response = client_as(stakeholder).post(
        "/regions/organisations/register/",
        {
            "name": "Oulu University Hospital",
            "region_code": "fi1d",
            "kind": "hospital",
            "value_chain_stages": ["validation", "implementation"],
        },
    )

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert (organisation.status, organisation.submitted_by, organisation.region) == ("pending", stakeholder, region)
    assert organisation.value_chain_stages == ["validation", "implementation"]
    assert client_as(None).get(f"/regions/organisations/{organisation.pk}/").status_code == 404
    assert "Oulu University Hospital" in client_as(coordinator).get("/accounts/dashboard/").content.decode()

    client_as(coordinator).post(f"/regions/organisations/{organisation.pk}/review/", {"decision": "approve"})

    organisation.refresh_from_db()
    assert (organisation.status, organisation.reviewed_by) == ("approved", coordinator)
    assert client_as(None).get(f"/regions/organisations/{organisation.pk}/").status_code == 200


def test_duplicate_organisation_is_refused_with_a_clear_message_and_input_kept(client_as, stakeholder, region):
    OrganisationFactory(name="Oulu University Hospital", region=region)

    response = client_as(stakeholder).post(
        "/regions/organisations/register/",
        {
            "name": "  oulu university   HOSPITAL ",
            "region_code": "FI1D",
            "kind": "hospital",
            "description": "typed text",
        },
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "An organisation called “oulu university HOSPITAL” is already registered in FI1D" in body
    assert "typed text" in body
    assert Organisation.objects.count() == 1


def test_same_name_in_another_region_is_allowed(region, other_region):
    services.organisation_register(data=org_data("Biobank"), region=region, user=None)

    services.organisation_register(data=org_data("Biobank"), region=other_region, user=None)

    assert Organisation.objects.filter(name="Biobank").count() == 2


def test_unknown_region_code_is_a_field_error(client_as, stakeholder):
    response = client_as(stakeholder).post(
        "/regions/organisations/register/", {"name": "X", "region_code": "ZZ99", "kind": "hospital"}
    )

    assert "No region has the NUTS code ZZ99" in response.content.decode()


def test_stakeholder_cannot_approve(client_as, stakeholder, region):
    organisation = OrganisationFactory(region=region, status="pending", submitted_by=stakeholder)

    response = client_as(stakeholder).post(f"/regions/organisations/{organisation.pk}/review/", {"decision": "approve"})

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.status == "pending"


def test_contacts_are_hidden_from_public_stakeholders_and_other_officials(
    client_as, region, stakeholder, other_official, official
):
    contact = ContactFactory(organisation=OrganisationFactory(region=region), email="anna@oulu.example.eu")
    url = f"/regions/organisations/{contact.organisation.pk}/"

    for user in [None, stakeholder, other_official]:
        assert "anna@oulu.example.eu" not in client_as(user).get(url).content.decode()
    assert "anna@oulu.example.eu" in client_as(official).get(url).content.decode()


def test_contact_needs_consent(client_as, official, region):
    organisation = OrganisationFactory(region=region)

    response = client_as(official).post(
        f"/regions/organisations/{organisation.pk}/contacts/new/", {"name": "Anna", "email": "anna@example.eu"}
    )

    assert "Record the person&#x27;s consent" in response.content.decode()
    assert not Contact.objects.exists()


def test_contact_export_and_erase(client_as, official, other_official, region):
    contact = ContactFactory(organisation=OrganisationFactory(region=region), name="Anna Virtanen", consent_note="form")

    assert client_as(other_official).get(f"/regions/contacts/{contact.pk}/export/").status_code == 404
    response = client_as(official).get(f"/regions/contacts/{contact.pk}/export/")
    exported = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert (exported["name"], exported["email"], exported["consent_given"]) == ("Anna Virtanen", contact.email, True)

    assert client_as(other_official).post(f"/regions/contacts/{contact.pk}/erase/").status_code == 404
    client_as(official).post(f"/regions/contacts/{contact.pk}/erase/")

    assert not Contact.objects.filter(pk=contact.pk).exists()
    erasure = ContactErasure.objects.get()
    assert (erasure.contact_id, erasure.erased_by) == (contact.pk, official)


def test_links_are_unique_in_either_direction_and_never_to_self(region, other_region):
    a, b = OrganisationFactory(region=region), OrganisationFactory(region=other_region)
    services.link_create(source=a, target=b, kind="collaboration", user=None)

    with pytest.raises(ValidationError, match="already linked"):
        services.link_create(source=b, target=a, kind="project", user=None)
    with pytest.raises(ValidationError, match="itself"):
        services.link_create(source=a, target=a, kind="project", user=None)
    assert OrganisationLink.objects.count() == 1


def test_region_network_shows_local_and_cross_regional_links(client, region, other_region):
    a = OrganisationFactory(region=region, name="Oulu University Hospital")
    b = OrganisationFactory(region=region, name="University of Oulu")
    c = OrganisationFactory(region=other_region, name="University of Antwerp")
    services.link_create(source=a, target=b, kind="collaboration", user=None)
    services.link_create(source=a, target=c, kind="project", user=None)

    body = client.get(f"/regions/{region.code}/network/").content.decode()

    assert body.count(' r="7"') == 3  # one node per organisation (the legend uses smaller dots)
    assert body.count("<line") == 2
    assert 'stroke-dasharray="3 2"' in body  # the organisation from another region
    assert "University of Antwerp" in body


def test_link_form_adds_a_link(client_as, official, region, other_region):
    a, c = OrganisationFactory(region=region), OrganisationFactory(region=other_region)

    client_as(official).post(f"/regions/organisations/{a.pk}/links/new/", {"target": c.pk, "kind": "project"})

    assert OrganisationLink.objects.filter(source=a, target=c, kind="project").exists()


def test_official_adds_population_group_for_own_region_only(client_as, official, region, other_region):
    client = client_as(official)

    refused = client.post(
        "/regions/population-groups/new/", {"name": "Group", "region_codes": f"{region.code} {other_region.code}"}
    )
    assert "You can only link your own regions; not BE21" in refused.content.decode()

    client.post(
        "/regions/population-groups/new/",
        {"name": "Finnish disease heritage", "region_codes": region.code, "conditions_more_frequent": "A\nB"},
    )
    group = PopulationGroup.objects.get()
    assert list(group.regions.all()) == [region]
    assert group.more_frequent_list == ["A", "B"]
    assert ProfileChange.objects.get(population_group=group).changed_by == official


def test_other_official_cannot_edit_population_group(client_as, other_official, region):
    group = PopulationGroupFactory(regions=[region])

    response = client_as(other_official).post(
        f"/regions/population-groups/{group.pk}/edit/", {"name": "Renamed", "region_codes": region.code, "version": 0}
    )

    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name != "Renamed"


def test_population_group_edit_keeps_history_and_refuses_stale_saves(client_as, official, coordinator, region):
    group = PopulationGroupFactory(name="Group", regions=[region])
    form = {"name": "Group", "region_codes": region.code, "description": "First", "version": 0}
    client_as(official).post(f"/regions/population-groups/{group.pk}/edit/", form)

    response = client_as(coordinator).post(
        f"/regions/population-groups/{group.pk}/edit/", {**form, "description": "Second"}
    )

    assert "Someone else saved this population group" in response.content.decode()
    group.refresh_from_db()
    assert (group.description, group.version) == ("First", 1)
    assert ProfileChange.objects.get(population_group=group).changes["description"] == [
        "A founder population.",
        "First",
    ]


def test_population_group_on_several_regions(region):
    other = RegionFactory(code="FI19")
    group = PopulationGroupFactory(regions=[region, other])

    assert set(region.population_groups.all()) == {group} == set(other.population_groups.all())


def test_population_group_texts_per_language_with_english_marked_in_french(client_as, coordinator, region):
    reply = client_as(coordinator).post(
        "/regions/population-groups/new/",
        {
            "name": "Finnish disease heritage",
            "name_fr": "Héritage pathologique finlandais",
            "description": "About forty rare diseases.",
            "region_codes": region.code,
        },
    )

    group = PopulationGroup.objects.get(name_en="Finnish disease heritage")
    assert reply.status_code == 302
    assert (group.name_fr, group.description_fr) == ("Héritage pathologique finlandais", None)
    page = client_as(coordinator).get(f"/regions/population-groups/{group.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    page = page.content.decode()
    assert "<h1>Héritage pathologique finlandais</h1>" in page
    assert '<span lang="en">About forty rare diseases.</span>' in page


def test_two_population_groups_may_both_lack_a_french_name(client_as, coordinator, region):
    client = client_as(coordinator)
    for name in ("Group one", "Group two"):
        client.post("/regions/population-groups/new/", {"name": name, "name_fr": "", "region_codes": region.code})

    assert PopulationGroup.objects.filter(name_fr=None).count() == 2


def test_population_group_name_must_be_new(client_as, coordinator, region):
    client = client_as(coordinator)
    client.post("/regions/population-groups/new/", {"name": "Group", "region_codes": region.code})

    reply = client.post("/regions/population-groups/new/", {"name": "group", "region_codes": region.code})

    assert reply.status_code == 200
    assert "name" in reply.context["form"].errors
