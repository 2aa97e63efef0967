import pytest

from regions import selectors
from regions.statistics import importer
from regions.statistics.peers import similar_regions
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(tmp_path):
    made = {}
    for code, group in [("FI1D", "strong"), ("SE33", "strong"), ("SE32", "moderate"), ("BE21", "strong"), ("NL41", "")]:
        made[code] = RegionFactory(code=code, ris_group=group)
    density = tmp_path / "demo_r_d3dens_linear.csv"
    density.write_text(
        "geo,TIME_PERIOD,OBS_VALUE\nFI1D,2022,6.3\nSE33,2022,3.4\nSE32,2022,5.0\nBE21,2022,672.2\nNL41,2022,550.0\n"
        "FI1D,2021,99\n",
        encoding="utf-8",
    )
    gdp = tmp_path / "nama_10r_2gdp.csv"
    gdp.write_text(
        "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
        + "".join(
            f"ESTAT:NAMA_10R_2GDP(1.0),x,A,EUR_HAB,{code},2021,{value},\n"
            for code, value in [("FI1D", 38400), ("SE33", 45000), ("SE32", 40000), ("BE21", 52100), ("NL41", 50000)]
        ),
        encoding="utf-8",
    )
    importer.indicators_import(paths=[density, gdp])
    return made


def test_nearest_regions_come_first_with_reasons_in_words(regions):
    peers = similar_regions(region=regions["FI1D"])

    assert [p.region.code for p in peers][:2] in (["SE32", "SE33"], ["SE33", "SE32"])
    assert [p.region.code for p in peers][-2:] in (["NL41", "BE21"], ["BE21", "NL41"])
    reasons = " ".join(peers[0].reasons + peers[1].reasons)
    assert "similar population density (6.3 and" in reasons
    assert "same innovation group (Strong innovator)" in reasons
    assert "FI1D" not in [p.region.code for p in peers]


def test_peer_groups_offer_the_similar_regions(regions):
    groups = selectors.peer_region_ids(region=regions["FI1D"])

    assert groups["similar"][:2] in (
        [regions["SE32"].id, regions["SE33"].id],
        [regions["SE33"].id, regions["SE32"].id],
    )


def test_profile_lists_regions_like_this_one(client, regions):
    body = client.get("/regions/FI1D/").content.decode()

    assert "Regions like this one" in body and 'href="/regions/SE33/"' in body


def test_no_statistics_no_similar_regions():
    region = RegionFactory(code="PT20")

    assert similar_regions(region=region) == []
    assert "similar" not in selectors.peer_region_ids(region=region)
