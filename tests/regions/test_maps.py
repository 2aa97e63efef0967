import re

import pytest

from regions.maps import NO_DATA, RIS_COLOURS, choropleth_svg
from regions.models import RisGroup
from tests.factories import RegionFactory
from tests.regions.svg import fill_of

pytestmark = pytest.mark.django_db


def square(lon, lat, size=1.0):
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
    }


def test_choropleth_links_each_region_and_colours_by_category():
    fi = RegionFactory(code="FI1D", geometry=square(26, 63), label_point=[26.5, 63.5], ris_group="strong")
    be = RegionFactory(code="BE21", geometry=square(4, 51), label_point=[4.5, 51.5])

    svg = choropleth_svg(
        regions=[fi, be],
        values={fi.id: "strong"},
        legend=[(RIS_COLOURS[RisGroup.STRONG], "Strong innovator")],
        title="Innovation group",
    )

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert re.findall(r'<a href="([^"]+)"', svg) == ["/regions/FI1D/", "/regions/BE21/"]
    assert fill_of(svg, "FI1D") == RIS_COLOURS[RisGroup.STRONG]
    assert fill_of(svg, "BE21") == NO_DATA
    assert "Strong innovator" in svg and "No data" in svg
    assert "© EuroGeographics for the administrative boundaries" in svg
    assert "Source: Eurostat, GISCO" in svg


def test_choropleth_numbers_get_a_scale_and_regions_without_shape_are_skipped():
    a = RegionFactory(code="AT11", geometry=square(16, 47), label_point=[16.5, 47.5])
    b = RegionFactory(code="AT12", geometry=square(15, 48), label_point=[15.5, 48.5])
    shapeless = RegionFactory(code="AT13")

    svg = choropleth_svg(regions=[a, b, shapeless], values={a.id: 10.0, b.id: 90.0}, title="Score", link=False)

    assert "<a " not in svg
    assert 'data-code="AT13"' not in svg
    assert "0–20" in svg and "80–100" in svg


def test_outermost_regions_are_drawn_in_insets():
    mainland = RegionFactory(code="ES30", geometry=square(-4, 40), label_point=[-3.5, 40.5])
    canarias = RegionFactory(code="ES70", geometry=square(-16, 28), label_point=[-15.5, 28.5])

    svg = choropleth_svg(regions=[mainland, canarias], values={}, title="Map")

    insets = svg.split('<g class="insets"')[1]
    assert 'data-code="ES70"' in insets and 'data-code="ES30"' not in insets
    assert "/regions/ES70/" in insets


def test_regions_of_another_nuts_version_link_with_the_version():
    region = RegionFactory(code="NL36", nuts_version=2024, geometry=square(5, 52), label_point=[5.5, 52.5])

    svg = choropleth_svg(regions=[region], values={}, title="Map")

    assert 'href="/regions/NL36/?version=2024"' in svg
