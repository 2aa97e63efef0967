import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from regions.map_artefact import map_artefact
from regions.statistics import importer
from tests.factories import RegionFactory
from tests.regions.svg import fill_of

pytestmark = pytest.mark.django_db


def square(lon, lat):
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]],
    }


def import_density(folder, rows: str) -> None:
    path = folder / "demo_r_d3dens_linear.csv"
    path.write_text("geo,TIME_PERIOD,OBS_VALUE\n" + rows, encoding="utf-8")
    importer.indicators_import(paths=[path])


@pytest.fixture
def density(tmp_path):
    for index, code in enumerate(["FI1D", "FI1C", "FI1B"]):
        RegionFactory(code=code, geometry=square(20 + index, 60), label_point=[20.5 + index, 60.5])
    import_density(tmp_path, "FI1D,2021,6.2\nFI1D,2022,6.3\nFI1C,2022,50.5\nFI1B,2022,190.1\n")


def artefact_keys() -> list[str]:
    client = cache._cache.get_client()
    return sorted(key.decode() for key in client.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*map:*"))


def draw(**kwargs):
    return map_artefact(indicator="stat:density", title="Density", level=2, version=2021, **kwargs)


def test_the_map_is_drawn_once_then_served_without_a_query(density, django_assert_num_queries):
    first = draw()

    with django_assert_num_queries(0):
        again = draw()

    assert again.svg == first.svg and again.table == first.table
    assert (first.year, first.years, first.count) == (2022, [2021, 2022], 3)
    assert len(artefact_keys()) == 1


def test_an_import_redraws_the_map_right_after_it(density, tmp_path, django_capture_on_commit_callbacks):
    before = draw()
    assert fill_of(before.svg, "FI1B") != fill_of(before.svg, "FI1D")

    with django_capture_on_commit_callbacks(execute=True):
        import_density(tmp_path, "FI1D,2022,190.1\nFI1C,2022,50.5\nFI1B,2022,6.3\n")
    after = draw()

    assert fill_of(after.svg, "FI1B") == fill_of(before.svg, "FI1D")
    assert fill_of(after.svg, "FI1D") == fill_of(before.svg, "FI1B")


def test_unknown_years_share_the_latest_map_and_make_no_key(density):
    latest = draw()

    for year in (1900, 2099, 123456):
        assert draw(year=year).year == latest.year

    assert draw(year=2021).year == 2021
    assert len(artefact_keys()) == 2  # the latest and 2021


def test_each_language_and_a_map_without_links_are_artefacts_of_their_own(density):
    linked = draw()
    with translation.override("fr"):
        french = map_artefact(indicator="stat:density", title="Densité", level=2, version=2021)
    plain = draw(link=False)

    assert "<a " in linked.svg and "<a " not in plain.svg
    assert "Densité" in french.svg and "Densité" not in linked.svg
    assert len(artefact_keys()) == 3


def test_the_map_page_uses_the_artefact(client, density):
    body = client.get("/regions/map/?indicator=stat:density&level=2").content.decode()

    assert draw().table in body
    assert 'class="map-focus"' in body
