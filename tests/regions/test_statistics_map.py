import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.maps import NO_DATA
from regions.models import IndicatorValue
from regions.statistics import importer
from regions.statistics.maps import NO_COLOUR, PALETTE, YES_COLOUR, quantile_breaks
from tests.factories import RegionFactory
from tests.regions.svg import fill_of

pytestmark = pytest.mark.django_db
SEA = "#f4f8fb"


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_lowest_class_stands_out_from_sea_and_no_data():
    assert contrast(PALETTE[0], SEA) >= 3
    assert contrast(PALETTE[0], NO_DATA) >= 3
    # Sequential: each class darker than the one before.
    assert [luminance(c) for c in PALETTE] == sorted((luminance(c) for c in PALETTE), reverse=True)
    assert NO_COLOUR not in (NO_DATA, SEA) and YES_COLOUR != NO_COLOUR


def test_quantile_breaks_split_values_evenly_and_end_at_the_maximum():
    assert quantile_breaks(list(range(1, 11))) == [2, 4, 6, 8, 10]
    assert quantile_breaks([5, 5, 5, 9]) == [5, 9]
    assert quantile_breaks([]) == []


def square(lon, lat):
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]],
    }


@pytest.fixture
def density(tmp_path):
    for index, code in enumerate(["FI1D", "FI1C", "FI1B", "FI19", "FI20", "SE33"]):
        RegionFactory(code=code, geometry=square(20 + index, 60), label_point=[20.5 + index, 60.5])
    path = tmp_path / "demo_r_d3dens_linear.csv"
    path.write_text(
        "geo,TIME_PERIOD,OBS_VALUE\nFI1D,2021,6.2\nFI1D,2022,6.3\nFI1C,2021,49.0\nFI1C,2022,50.5\nFI1B,2022,190.1\n"
        "FI19,2022,20.4\nFI20,2022,18.0\n",
        encoding="utf-8",
    )
    importer.indicators_import(paths=[path])


def test_map_of_an_indicator_shows_quantile_limits_source_and_year(client, density):
    body = client.get("/regions/map/?indicator=stat:density&level=2").content.decode()

    assert "6.3 – " in body and "190.1" in body  # class limits in the legend
    assert "Source: Eurostat (demo_r_d3dens)" in body
    assert "<strong>Year:</strong> 2022" in body
    assert fill_of(body, "FI1D") == PALETTE[0]
    assert fill_of(body, "FI1B") == PALETTE[-1]
    assert fill_of(body, "SE33") == NO_DATA
    assert 'role="group"' in body and 'href="#map-after"' in body
    assert body.count('<option value="2021">') == 1  # the other year can be chosen, once


def test_map_says_when_the_indicator_has_no_value_at_the_level(client, density):
    RegionFactory(code="FI1", level=1, geometry=square(20, 60), label_point=[20.5, 60.5])

    body = client.get("/regions/map/?indicator=stat:density&level=1").content.decode()

    assert "has no value at NUTS level 1 in the NUTS 2021 coding" in body


def test_yes_no_typology_keeps_no_apart_from_no_data(client, tmp_path):
    for index, code in enumerate(["MT001", "MT002", "FI1D1"]):
        RegionFactory(code=code, geometry=square(14 + index, 36), label_point=[14.5 + index, 36.5])
    path = tmp_path / "nuts2021_typologies_nuts3.csv"
    path.write_text(
        "NUTS_ID,CNTR_CODE,URBAN_RURAL_CODE,URBAN_RURAL_LABEL,METRO,METRO_CODE,METRO_LABEL,COASTAL_CODE,"
        "COASTAL_LABEL,MOUNTAIN_CODE,MOUNTAIN_LABEL,BORDER_CODE,BORDER_LABEL,ISLAND_LISTED,REMOTENESS_CODE,"
        "REMOTENESS_LABEL\nMT001,MT,1,u,Y,,,1,c,4,m,9,b,Y,1,l\nMT002,MT,3,r,N,,,1,c,4,m,9,b,N,32,l\n",
        encoding="utf-8",
    )
    importer.indicators_import(paths=[path])

    body = client.get("/regions/map/?indicator=stat:island&level=3").content.decode()

    assert fill_of(body, "MT001") == YES_COLOUR
    assert fill_of(body, "MT002") == NO_COLOUR
    assert fill_of(body, "FI1D1") == NO_DATA
    assert "Not an island region" in body and "No data" in body


def test_csv_download_holds_what_the_map_shows(client, density):
    response = client.get("/regions/map/data.csv?indicator=stat:density&level=2&year=2021")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_code = {row["nuts_code"]: row for row in rows}
    assert set(by_code) == {"FI1D", "FI1C", "FI1B", "FI19", "FI20", "SE33"}
    assert (by_code["FI1D"]["value"], by_code["FI1D"]["year"]) == ("6.2", "2021")
    assert by_code["FI1C"]["value"] == "49" and by_code["FI1B"]["value"] == "" and by_code["SE33"]["value"] == ""
    assert by_code["FI1D"]["source"].startswith("Source: Eurostat (demo_r_d3dens)")


def test_map_query_count_does_not_grow_with_regions(client, density, page_cache_off):
    client.get("/regions/map/?indicator=stat:density&level=2")
    for index in range(20):
        RegionFactory(code=f"SE{index:02d}", geometry=square(10, 50 + index / 10), label_point=[10.5, 50.5])
        IndicatorValue.objects.create(
            indicator_id=IndicatorValue.objects.first().indicator_id, region_code=f"SE{index:02d}",
            nuts_version=2021, level=2, country_code="SE", year=2022, value=index,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as small:
        client.get("/regions/map/?indicator=stat:density&level=3")
    with CaptureQueriesContext(connection) as large:
        client.get("/regions/map/?indicator=stat:density&level=2")
    assert len(large) == len(small)
