import pytest

from regions.statistics import importer

pytestmark = pytest.mark.django_db

POPULATION = (
    "freq,unit,sex,age,geo\\TIME_PERIOD\t2023 \t2024 \t2025 \n"
    "A,NR,T,TOTAL,FI1D\t1271344 \t1272680 \t1272126 p\n"
    "A,NR,T,TOTAL,FI1D1\t5400 \t5401 \t5402 \n"
    "A,NR,T,TOTAL,BE21\t1 \t1932876 \t1947973 \n"
)


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "demo_r_pjanaggr3.tsv"
    path.write_text(POPULATION, encoding="utf-8")
    importer.indicators_import(paths=[path])


def test_indicator_list_gives_unit_source_and_levels(client, imported):
    body = client.get("/api/v1/indicators/").json()

    (population,) = body["results"]
    assert population["code"] == "population" and population["unit"] == "persons"
    assert population["dataset"] == "demo_r_pjanaggr3" and population["levels"] == [2, 3]
    assert population["licence"].startswith("Source: Eurostat (demo_r_pjanaggr3)")
    assert client.get("/api/v1/indicators/population/").json()["code"] == "population"


def test_region_indicators_have_year_unit_flags_and_version(client, imported):
    body = client.get("/api/v1/regions/FI1D/indicators/?year=2025").json()

    (value,) = body["results"]
    assert (value["indicator"], value["year"], value["value"], value["unit"], value["flags"]) == (
        "population", 2025, 1272126.0, "persons", "p",
    )  # fmt: skip
    assert value["nuts_version"] == 2024
    all_years = client.get("/api/v1/regions/fi1d/indicators/?indicator=population").json()["results"]
    assert [v["year"] for v in all_years] == [2023, 2024, 2025]


def test_value_filters_by_level_country_and_year(client, imported):
    rows = client.get("/api/v1/indicator-values/?indicator=population&level=2&country=fi&year_from=2024").json()

    assert [(v["region_code"], v["year"]) for v in rows["results"]] == [("FI1D", 2024), ("FI1D", 2025)]


@pytest.mark.parametrize("query", ["year=abc", "level=7", "nuts_version=x"])
def test_bad_filters_are_a_400_with_the_field(client, imported, query):
    response = client.get(f"/api/v1/indicator-values/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_value_list_queries_do_not_grow(client, imported, django_assert_num_queries):
    with django_assert_num_queries(2):  # the count and the page, indicators joined
        client.get("/api/v1/indicator-values/")


def test_the_schema_documents_a_region_s_values_as_the_paginated_list_they_are(client):
    """Regression: the fuzzer found the page envelope answered where the schema promised a single value."""
    paths = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]

    ok = paths["/api/v1/regions/{code}/indicators/"]["get"]["responses"]["200"]
    schema = ok["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/PaginatedIndicatorValueList"}
