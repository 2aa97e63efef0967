import pytest

from regions.statistics import importer
from roadmap import matchmaking
from tests.factories import FindingFactory, RegionFactory, seed_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(tmp_path):
    crete = RegionFactory(code="EL43", name="Kriti", ris_group="moderate")
    FindingFactory(region=crete, theme=seed_theme("DATA"), kind="gap", severity=5)
    FindingFactory(region=crete, theme=seed_theme("EDU"), kind="barrier", severity=2)
    antwerp = RegionFactory(code="BE21", name="Prov. Antwerpen", ris_group="moderate")
    FindingFactory(region=antwerp, theme=seed_theme("DATA"), kind="best_practice", severity=5, title="Platform")
    FindingFactory(region=antwerp, theme=seed_theme("EDU"), kind="strength", severity=4, title="Courses")
    azores = RegionFactory(code="PT20", name="Açores", ris_group="leader")
    FindingFactory(region=azores, theme=seed_theme("EDU"), kind="strength", severity=1, title="Nurses")
    path = tmp_path / "demo_r_d3dens_linear.csv"
    path.write_text("geo,TIME_PERIOD,OBS_VALUE\nEL43,2022,60\nBE21,2022,65\nPT20,2022,3000\n", encoding="utf-8")
    importer.indicators_import(paths=[path])
    return crete


def test_partner_score_is_said_in_words_with_what_the_regions_share(regions):
    strong, weak = matchmaking.partner_regions(region=regions)

    assert strong.summary == "Strong match: covers 2 of your 2 gaps"
    assert weak.summary == "Partial match: covers 1 of your 2 gaps"
    assert strong.alike == [
        "similar population density (60.0 and 65.0 per km²)",
        "same innovation group (Moderate innovator)",
    ]
    assert weak.alike == []


def test_partners_page_shows_words_not_a_bare_score(client, regions):
    body = client.get("/roadmap/regions/EL43/partners/").content.decode()

    assert "Strong match: covers 2 of your 2 gaps" in body
    assert "Like your region: similar population density (60.0 and 65.0 per km²)" in body
    assert "match 5" not in body.lower().replace("strong match", "")
