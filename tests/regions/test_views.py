import pytest

from regions.models import ProfileChange, Region
from tests.factories import PopulationGroupFactory, RegionFactory
from tests.factories.regions import SQUARE

pytestmark = pytest.mark.django_db


def make_regions(n: int) -> None:
    parent = RegionFactory(code="FI1", level=1)
    for i in range(n):
        RegionFactory(code=f"FI1{i:X}"[:4] if i < 16 else f"SE{i:02d}", parent=parent if i < 16 else None)


@pytest.mark.parametrize("n", [3, 40])
def test_region_list_queries_do_not_grow(client, django_assert_num_queries, n):
    make_regions(n)

    with django_assert_num_queries(3):
        response = client.get("/regions/?level=2")

    assert response.status_code == 200


def test_region_list_filters_and_search(client):
    RegionFactory(code="EL43", name="Kriti", name_national="Κρήτη", is_island=True)
    RegionFactory(code="BE21", name="Prov. Antwerpen")

    body = client.get("/regions/?search=Κρήτη").content.decode()

    assert "EL43" in body and "BE21" not in body
    body = client.get("/regions/?typology=island&country=el").content.decode()
    assert "EL43" in body and "BE21" not in body


def test_region_detail_shows_profile_navigation_and_groups(client):
    fi1 = RegionFactory(code="FI1", level=1, name="Manner-Suomi")
    fi1d = RegionFactory(
        code="FI1D", parent=fi1, name="Pohjois- ja Itä-Suomi", is_nspa=True, ris_group="strong", ris_subgroup="-",
        geometry=SQUARE, label_point=[25, 65],
    )  # fmt: skip
    RegionFactory(code="FI1D1", parent=fi1d, name="Etelä-Savo")
    PopulationGroupFactory(name="Finnish disease heritage", regions=[fi1d], conditions_more_frequent="Condition A")

    body = client.get("/regions/FI1D/").content.decode()

    assert "Pohjois- ja Itä-Suomi" in body
    assert "Strong innovator −" in body
    assert "Northern sparsely populated" in body
    assert 'href="/regions/FI1/"' in body and 'href="/regions/FI1D1/"' in body
    assert "Finnish disease heritage" in body and "Condition A" in body
    assert "<svg" in body


def test_region_detail_version_switch(client):
    RegionFactory(code="PT20", nuts_version=2021, name="Açores 2021")
    RegionFactory(code="PT20", nuts_version=2024, name="Açores 2024")

    assert "Açores 2021" in client.get("/regions/PT20/").content.decode()
    body = client.get("/regions/PT20/?version=2024").content.decode()
    assert "Açores 2024" in body and 'href="?version=2021"' in body
    assert client.get("/regions/PT20/?version=2016").status_code == 404
    assert client.get("/regions/XX99/").status_code == 404


def test_official_edits_own_region_with_history(client_as, official, region):
    client = client_as(official)

    response = client.post(
        f"/regions/{region.code}/edit/",
        {"profile_version": 0, "is_nspa": "on", "ris_group": "moderate", "ris_subgroup": "+", "population": "1"},
    )

    assert response.status_code == 302
    region.refresh_from_db()
    # Population is derived from the imported statistics: a posted value is ignored.
    assert (region.is_nspa, region.ris_group, region.ris_subgroup, region.population) == (True, "moderate", "+", None)
    change = ProfileChange.objects.get(region=region)
    assert change.changed_by == official
    assert change.changes["ris_group"] == ["", "Moderate innovator"]


def test_official_cannot_edit_another_region(client_as, official, other_region):
    response = client_as(official).post(
        f"/regions/{other_region.code}/edit/", {"profile_version": 0, "is_island": "on"}
    )

    assert response.status_code == 403
    assert Region.objects.get(pk=other_region.pk).is_island is False


@pytest.mark.parametrize("who", ["stakeholder", None])
def test_others_cannot_edit_a_region(client_as, request, region, who):
    user = request.getfixturevalue(who) if who else None

    response = client_as(user).get(f"/regions/{region.code}/edit/")

    assert response.status_code == (403 if user else 302)


def test_stale_profile_edit_is_refused_and_keeps_input(client_as, coordinator, region):
    client = client_as(coordinator)
    client.post(f"/regions/{region.code}/edit/", {"profile_version": 0, "health_system_notes": "first"})

    response = client.post(f"/regions/{region.code}/edit/", {"profile_version": 0, "health_system_notes": "typed"})

    assert response.status_code == 200
    assert "Someone else saved this profile" in response.content.decode()
    assert "typed" in response.content.decode()
    region.refresh_from_db()
    assert region.health_system_notes == "first"


def test_map_page_renders_chosen_indicator_with_legend_and_attribution(client):
    RegionFactory(code="FI1D", geometry=SQUARE, label_point=[25, 65], ris_group="strong")

    body = client.get("/regions/map/?indicator=innovation_group&level=2").content.decode()

    assert '<a href="/regions/FI1D/"' in body
    assert "Strong innovator" in body
    assert "© EuroGeographics for the administrative boundaries" in body
    assert "Source: Eurostat, GISCO" in body
    body = client.get("/regions/map/?indicator=organisations").content.decode()
    assert "21+" in body


@pytest.mark.parametrize("n", [2, 30])
def test_map_queries_do_not_grow(client, django_assert_num_queries, n):
    for i in range(n):
        RegionFactory(code=f"SE{i:02d}", geometry=SQUARE, label_point=[25, 65])
        # A transliterated name's tag also reads the name in its own script.
        RegionFactory(code=f"EL{i:02d}", name_national="Κρήτη", geometry=SQUARE, label_point=[25, 35])

    # One of these lists the imported indicators for the choice of what to show.
    with django_assert_num_queries(7):
        client.get("/regions/map/?indicator=organisations&level=2")


def test_map_offers_mapping_scores_per_theme(client):
    from tests.factories import seed_theme

    seed_theme("DATA")
    RegionFactory(code="FI1D", geometry=SQUARE, label_point=[25, 65])

    body = client.get("/regions/map/?indicator=score:DATA").content.decode()

    assert '<option value="score:DATA" selected>Mapping score: ' in body
    assert "80–100" in body


def test_profile_shows_value_chain_coverage(client, region):
    from tests.factories import OrganisationFactory

    OrganisationFactory(region=region, value_chain_stages=["research", "diagnostics"])
    OrganisationFactory(region=region, value_chain_stages=["research"])

    body = client.get(f"/regions/{region.code}/").content.decode()

    assert "<span>Research</span> <strong>2</strong>" in body
    assert '<li class="coverage-gap"><span>Reimbursement</span> <strong>0</strong>' in body


@pytest.mark.parametrize(
    ("typed", "found"),
    [("Ile-de-France", "FR10"), ("ita-suomi", "FI1D"), ("Itä-Suomi", "FI1D"), ("Finland", "FI1D"), ("fr10", "FR10")],
)
def test_region_search_ignores_accents_and_knows_country_names(client, typed, found):
    RegionFactory(code="FR10", name="Île-de-France", name_national="Île-de-France")
    RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi")
    RegionFactory(code="EL43", name="Kriti", name_national="Κρήτη")

    body = client.get("/regions/", {"search": typed}).content.decode()

    assert found in body and "EL43" not in body
