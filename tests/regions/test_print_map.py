"""The report's print map: one path per colour, whole units, outlines simplified to about a unit."""

import re

import pytest

from regions.maps import NO_DATA
from regions.print_map import print_map_svg
from tests.factories import RegionFactory
from tests.regions.test_maps import square

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"-?\d+")


def ring_with_wobbles(lon, lat, size=4.0, points=400):
    """A square whose bottom edge has hundreds of vertices wobbling far less than a unit of the map."""
    bottom = [[lon + size * i / points, lat + (0.00005 if i % 2 else 0)] for i in range(points)]
    return {
        "type": "Polygon",
        "coordinates": [[*bottom, [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
    }


def paths(svg: str) -> dict[str, str]:
    return {fill: d for d, fill in re.findall(r'<path d="([^"]+)" fill="(#[0-9a-f]+)"/>', svg)}


def test_one_path_per_colour_and_no_link_or_title_per_region():
    fi = RegionFactory(code="FI1D", geometry=square(26, 63), label_point=[26.5, 63.5])
    be = RegionFactory(code="BE21", geometry=square(4, 51), label_point=[4.5, 51.5])
    nl = RegionFactory(code="NL33", geometry=square(4, 52), label_point=[4.5, 52.5])

    svg = print_map_svg(level=2, version=2021, fills={fi.id: "#a11d1d"}, title="FI1D and its peers")

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    drawn = paths(svg)
    assert set(drawn) == {"#a11d1d", NO_DATA}
    # BE21 and NL33 are grey: two outlines, each starting with an absolute move, in one path.
    assert drawn[NO_DATA].count("M") == 2 and drawn["#a11d1d"].count("M") == 1
    assert "<a " not in svg and svg.count("<title") == 1 and "data-code" not in svg
    assert be.code not in svg and nl.code not in svg


def test_outlines_are_simplified_to_whole_units():
    RegionFactory(code="AT11", geometry=ring_with_wobbles(16, 47), label_point=[18, 49])
    RegionFactory(code="AT12", geometry=square(10, 46), label_point=[10.5, 46.5])

    svg = print_map_svg(level=2, version=2021, fills={}, title="Austria")

    d = paths(svg)[NO_DATA]
    assert "." not in d
    # The wobbling edge of 400 vertices keeps a handful: no more than its curve in the projection needs.
    assert len(NUMBER.findall(d)) < 2 * 20


def test_a_region_smaller_than_a_unit_is_still_drawn():
    RegionFactory(code="DE30", geometry=square(13.4, 52.5, size=0.001), label_point=[13.4, 52.5])
    RegionFactory(code="FI1D", geometry=square(26, 63, size=5), label_point=[28, 65])
    small = RegionFactory(code="ES30", geometry=square(-4, 40, size=5), label_point=[-2, 42])

    svg = print_map_svg(level=2, version=2021, fills={small.id: "#0b6b63"}, title="Map")

    assert paths(svg)[NO_DATA].count("M") == 2


def test_no_map_without_boundaries():
    RegionFactory(code="AT13")

    assert print_map_svg(level=2, version=2021, fills={}, title="Map") == ""
