import io

import pytest

from regions import demo
from regions.fallback import FALLBACK_REGIONS
from regions.models import IndicatorValue, Organisation, OrganisationLink, PopulationGroup, Region

pytestmark = pytest.mark.django_db


def test_demo_without_file_or_network_starts_with_the_built_in_regions(settings, tmp_path):
    settings.NUTS_FILE = ""
    settings.NUTS_DOWNLOAD_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.DATA_DIR = tmp_path
    out = io.StringIO()

    demo.load(stdout=out)
    first = (Region.objects.count(), Organisation.objects.count(), OrganisationLink.objects.count())
    demo.load(stdout=io.StringIO())

    assert "no NUTS file and no download" in out.getvalue()
    assert Region.objects.count() == len(FALLBACK_REGIONS) == first[0]
    assert (Organisation.objects.count(), OrganisationLink.objects.count()) == first[1:]
    fi1d = Region.objects.get(code="FI1D")
    assert (fi1d.is_nspa, fi1d.ris_group) == (True, "strong")
    assert Region.objects.get(code="ES70").is_outermost and Region.objects.get(code="ES70").is_island
    group = PopulationGroup.objects.get(name="Finnish disease heritage")
    assert "FI1D" in {r.code for r in group.regions.all()}


def test_demo_loads_nuts_file(settings, shared_data_dir):
    settings.NUTS_FILE = str(shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326.geojson")
    out = io.StringIO()

    demo.load(stdout=out)

    assert Region.objects.filter(level=2, nuts_version=2021).count() == 334
    assert Region.objects.get(code="FRY4").is_outermost
    assert Organisation.objects.filter(status="approved").count() == 10
    assert "2010 created" in out.getvalue()


def test_demo_imports_the_statistics_folder_once(settings, tmp_path):
    settings.NUTS_FILE = ""
    settings.NUTS_DOWNLOAD_URL = "http://127.0.0.1:9"
    settings.DATA_DIR = tmp_path
    settings.EUROSTAT_DIR = str(tmp_path / "eurostat")
    (tmp_path / "eurostat").mkdir()
    (tmp_path / "eurostat" / "reg_area3.tsv").write_text(
        "freq,landuse,unit,geo\\TIME_PERIOD\t2026 \nA,TOTAL,KM2,FI1D\t227119 \n", encoding="utf-8"
    )
    first, second = io.StringIO(), io.StringIO()

    demo.load(stdout=first)
    demo.load(stdout=second)

    assert "1 indicators, 1 values created, 0 updated" in first.getvalue()
    assert "1 indicators, 0 values created, 0 updated" in second.getvalue()
    assert IndicatorValue.objects.get(region_code="FI1D").value == 227119


def test_demo_without_statistics_folder_says_so(settings, tmp_path):
    settings.NUTS_FILE = ""
    settings.NUTS_DOWNLOAD_URL = "http://127.0.0.1:9"
    settings.DATA_DIR = tmp_path
    settings.EUROSTAT_DIR = str(tmp_path / "absent")
    out = io.StringIO()

    demo.load(stdout=out)

    assert "Statistics: no Eurostat files" in out.getvalue()
    assert not IndicatorValue.objects.exists()
