import pytest

from tests.factories import RegionFactory
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def square(lon, lat, size=3.0):
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
    }


def test_click_a_region_on_the_map_to_reach_its_profile(page):
    RegionFactory(
        code="FI1D", name="Pohjois- ja Itä-Suomi", geometry=square(25, 63), label_point=[26.5, 64.5], ris_group="strong"
    )
    RegionFactory(
        code="BE21", name="Prov. Antwerpen", geometry=square(3, 50), label_point=[4.5, 51.5], ris_group="leader"
    )

    page.goto("/regions/map/")
    page.locator('svg.choropleth a[href="/regions/FI1D/"]').click()

    page.wait_for_url("**/regions/FI1D/")
    assert page.get_by_role("heading", level=1).inner_text() == "FI1D Pohjois- ja Itä-Suomi"


def test_choosing_an_indicator_redraws_the_map(page):
    RegionFactory(code="FI1D", geometry=square(25, 63), label_point=[26.5, 64.5], is_nspa=True)

    page.goto("/regions/map/")
    page.get_by_label("Show").select_option("nspa")
    assert "indicator=nspa" not in page.url  # choosing alone changes nothing (WCAG 3.2.2)
    page.get_by_role("button", name="Show map").click()

    page.wait_for_url("**indicator=nspa**")
    assert "Northern sparsely populated" in page.locator("svg.choropleth .legend").text_content()


def test_official_edits_the_profile_in_the_browser(page, official, region):
    browser_login(page, official.username)

    page.goto(f"/regions/{region.code}/edit/")
    page.get_by_label("Innovation group").select_option("moderate")
    page.get_by_label("Island").check()
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(f"**/regions/{region.code}/")
    assert "Moderate innovator" in page.locator("main").inner_text()
    assert "History of changes" in page.locator("main").inner_text()
