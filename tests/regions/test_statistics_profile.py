import csv

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.models import Region
from regions.statistics import importer
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

POPULATION = (
    "freq,unit,sex,age,geo\\TIME_PERIOD\t2021 \t2022 \t2023 \t2024 \t2025 \n"
    "A,NR,T,TOTAL,FI1D\t1274651 \t1274599 \t1271344 \t1272680 \t1272126 p\n"
    "A,NR,T,TOTAL,XX11\t10 \t11 \t12 \t13 \t14 \n"
)
AREA = (
    "freq,landuse,unit,geo\\TIME_PERIOD\t2023 \t2026 \n"
    "A,TOTAL,KM2,FI1D\t227120 \t227119 \n"
    "A,TOTAL,KM2,XX11\t100 \t150 \n"
)
DENSITY = "geo,TIME_PERIOD,OBS_VALUE\nFI1D,2021,6.3\nFI1D,2022,6.3\n"
TYPOLOGY_HEADER = (
    "NUTS_ID,CNTR_CODE,URBAN_RURAL_CODE,URBAN_RURAL_LABEL,METRO,METRO_CODE,METRO_LABEL,COASTAL_CODE,COASTAL_LABEL,"
    "MOUNTAIN_CODE,MOUNTAIN_LABEL,BORDER_CODE,BORDER_LABEL,ISLAND_LISTED,REMOTENESS_CODE,REMOTENESS_LABEL\n"
)
TYPOLOGIES = TYPOLOGY_HEADER + "".join(
    f"{code},FI,3,r,N,,,{coast},c,4,m,9,b,N,{remote},l\n"
    for code, coast, remote in [("FI1D1", 0, 32), ("FI1D2", 1, 31), ("FI1D3", 0, 32)]
)


@pytest.fixture
def imported(tmp_path):
    files = {
        "demo_r_pjanaggr3.tsv": POPULATION,
        "reg_area3.tsv": AREA,
        "demo_r_d3dens_linear.csv": DENSITY,
        "nuts2021_typologies_nuts3.csv": TYPOLOGIES,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    fi1d = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi")
    for code in ("FI1D1", "FI1D2", "FI1D3"):
        RegionFactory(code=code, parent=fi1d)
    importer.indicators_import(paths=[tmp_path / name for name in files])
    return fi1d


def test_profile_shows_latest_values_with_year_source_flags_and_trend(client, imported):
    body = client.get("/regions/FI1D/").content.decode()

    assert "1,272,126" in body and "(2025)" in body and "provisional" in body
    assert "Source: Eurostat (demo_r_pjanaggr3)" in body
    assert "227,119" in body and "(2026)" in body
    assert "6.3" in body and "(2022)" in body and "Source: Eurostat (demo_r_d3dens)" in body
    assert "(coded in NUTS 2024)" in body
    assert "covers the same territory in NUTS 2021 and NUTS 2024" in body
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="trend"' in body
    assert "2021: 1,274,651; 2022: 1,274,599" in body  # the chart's text alternative


def test_nuts2_profile_aggregates_nuts3_typologies(client, imported):
    body = client.get("/regions/FI1D/").content.decode()

    assert "2 of 3 NUTS-3 regions are remote" in body
    assert "1 of 3 NUTS-3 regions are coastal" in body
    assert "Predominantly rural: 3" in body


def test_nuts3_profile_shows_its_own_typologies(client, imported):
    body = client.get("/regions/FI1D1/").content.decode()

    assert "Predominantly rural, remote" in body
    assert "Not coastal" in body
    assert "NUTS 2021 classification" in body


def test_changed_territory_keeps_the_codings_apart_and_says_so(client, imported):
    RegionFactory(code="XX11", name="Changed")

    body = client.get("/regions/XX11/").content.decode()

    assert "XX11 covers a different territory in NUTS 2024 (150 km² against 100 km²)" in body
    assert "<strong>12</strong>" in body and "(2023)" in body  # not 14 (2025, other territory)
    assert "<strong>14</strong>" not in body


def test_derived_population_and_area_follow_the_statistics(imported):
    imported.refresh_from_db()
    xx = Region.objects.filter(code="XX11").first()

    assert (imported.population, imported.area_km2) == (1_272_126, 227_119)
    assert xx is None or xx.population == 12


def test_profile_query_count_does_not_grow_with_statistics(client, imported, page_cache_off):
    empty = RegionFactory(code="SE33", name="Empty")
    RegionFactory(code="SE331", parent=empty)
    client.get("/regions/SE33/")  # warm caches (sessions, content types)

    with CaptureQueriesContext(connection) as without:
        client.get("/regions/SE33/")
    with CaptureQueriesContext(connection) as with_statistics:
        client.get("/regions/FI1D/")

    assert len(with_statistics) == len(without)


def test_fi1d_profile_from_the_shipped_files(client, shared_data_dir):
    eurostat = shared_data_dir / "eurostat"
    if not eurostat.exists():
        pytest.skip(f"Eurostat files not present at {eurostat}")
    fi1d = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi")
    with (eurostat / "nuts2021_typologies_nuts3.csv").open(encoding="utf-8") as handle:
        children = [row for row in csv.DictReader(handle) if row["NUTS_ID"].startswith("FI1D")]
    remote = sum(row["REMOTENESS_CODE"] in ("22", "32") for row in children)
    importer.indicators_import(
        paths=[
            eurostat / name
            for name in (
                "demo_r_pjanaggr3.tsv", "reg_area3.tsv", "demo_r_d3dens_linear.csv",
                "nama_10r_2gdp__custom_6388021_linear.csv", "nuts2021_typologies_nuts3.csv",
                "RYB2026_CH02M02_life_expectancy.json",
            )
        ]
    )  # fmt: skip

    body = client.get(f"/regions/{fi1d.code}/").content.decode()

    assert "1,272,126" in body and "(2025)" in body and "Source: Eurostat (demo_r_pjanaggr3)" in body
    assert "227,119" in body and "(2026)" in body
    assert "6.3" in body and "(2022)" in body
    assert "38,400" in body and "84.4" in body and "79.1" in body
    assert f"{remote} of {len(children)} NUTS-3 regions are remote" in body
