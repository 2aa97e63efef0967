import http.server
import json
import threading
from collections import Counter
from functools import partial

import pytest
from django.core.management import CommandError, call_command

from regions import nuts
from regions.models import EU27, Region

pytestmark = pytest.mark.django_db


def counts(version: int) -> tuple[dict[int, int], dict[int, int]]:
    rows = list(Region.objects.filter(nuts_version=version).values_list("level", "country_code"))
    return dict(Counter(level for level, _ in rows)), dict(Counter(level for level, c in rows if c in EU27))


def feature(code, level=None, name="Somewhere", geometry=None, **props):
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "NUTS_ID": code,
            "LEVL_CODE": len(code) - 2 if level is None else level,
            "CNTR_CODE": code[:2],
            "NAME_LATN": name,
            "NUTS_NAME": name,
            **props,
        },
    }


def write(tmp_path, features, name="NUTS_RG_60M_2021_4326.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


SQUARE = {"type": "Polygon", "coordinates": [[[24, 64], [26, 64], [26, 66], [24, 66], [24, 64]]]}


def test_import_all_levels_60m_2021_gives_source_counts(shared_data_dir):
    result = nuts.nuts_import(path=shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326.geojson")

    assert result.created == 2010
    assert counts(2021) == ({0: 37, 1: 125, 2: 334, 3: 1514}, {0: 27, 1: 92, 2: 242, 3: 1166})
    fi1d = Region.objects.get(code="FI1D", nuts_version=2021)
    assert (fi1d.parent.code, fi1d.level, fi1d.country_code) == ("FI1", 2, "FI")
    assert fi1d.geometry["type"] in ("Polygon", "MultiPolygon")
    assert len(fi1d.label_point) == 2
    el43 = Region.objects.get(code="EL43", nuts_version=2021)
    assert (el43.name, el43.name_national) == ("Kriti", "Κρήτη")


def test_import_twice_changes_nothing(shared_data_dir):
    path = shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326.geojson"
    nuts.nuts_import(path=path)
    before = list(Region.objects.order_by("id").values())

    result = nuts.nuts_import(path=path)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2010)
    assert list(Region.objects.order_by("id").values()) == before


@pytest.mark.parametrize(
    ("scale", "expected_all", "expected_eu"),
    [
        ("60M", {0: 37, 1: 125, 2: 334, 3: 1514}, {0: 27, 1: 92, 2: 242, 3: 1166}),
        ("20M", {0: 37, 1: 125, 2: 333, 3: 1512}, {0: 27, 1: 92, 2: 242, 3: 1166}),
    ],
)
def test_import_level_files_one_after_another(shared_data_dir, scale, expected_all, expected_eu):
    for level in range(4):
        nuts.nuts_import(path=shared_data_dir / "nuts" / f"NUTS_RG_{scale}_2021_4326_LEVL_{level}.geojson")

    assert counts(2021) == (expected_all, expected_eu)


def test_import_2024_file_uses_its_typology_coding(shared_data_dir):
    nuts.nuts_import(path=shared_data_dir / "nuts" / "NUTS_RG_20M_2024_4326.geojson")

    assert counts(2024) == ({0: 39, 1: 115, 2: 299, 3: 1345}, {0: 27, 1: 92, 2: 244, 3: 1165})
    level3 = Region.objects.filter(nuts_version=2024, level=3)
    assert [level3.filter(urban_rural=kind).count() for kind in ("urban", "intermediate", "rural", "")] == [
        261,
        517,
        387,
        180,
    ]
    # 1 flags a region, null means "no" at NUTS 3 in this coding (not "unclassified" as in 2021).
    assert (level3.filter(mountain=True).count(), level3.filter(mountain=False).count()) == (345, 1000)
    assert (level3.filter(coastal=True).count(), level3.filter(coastal=False).count()) == (341, 1004)
    assert not Region.objects.filter(nuts_version=2024, country_code="UK").exists()


def test_import_2021_typologies_match_source_distribution(shared_data_dir):
    nuts.nuts_import(path=shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326.geojson")

    level3 = Region.objects.filter(nuts_version=2021, level=3, country_code__in=EU27)
    assert [level3.filter(urban_rural=kind).count() for kind in ("urban", "intermediate", "rural")] == [241, 513, 412]
    assert level3.filter(mountain=True).count() == 4 + 140 + 167
    assert level3.filter(coastal=True).count() == 295 + 44


@pytest.mark.parametrize("name", ["nuts2021_codes.csv", "nuts2024_codes.csv"])
def test_import_code_csv(shared_data_dir, name):
    result = nuts.nuts_import(path=shared_data_dir / "nuts" / name)

    version = 2021 if "2021" in name else 2024
    total, eu = counts(version)
    assert sum(total.values()) == (2010 if version == 2021 else 1798)
    assert sum(eu.values()) == (1527 if version == 2021 else 1528)
    assert result.created == sum(total.values())


def test_csv_after_geojson_keeps_shapes_and_both_versions_coexist(shared_data_dir):
    nuts.nuts_import(path=shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326_LEVL_0.geojson")
    nuts.nuts_import(path=shared_data_dir / "nuts" / "nuts2021_codes.csv")
    nuts.nuts_import(path=shared_data_dir / "nuts" / "nuts2024_codes.csv")

    assert Region.objects.get(code="FI", nuts_version=2021).geometry is not None
    assert Region.objects.filter(code="FI1D").count() == 2


def test_label_points_file_sets_label_points(shared_data_dir):
    nuts.nuts_import(path=shared_data_dir / "nuts" / "nuts2021_codes.csv")

    nuts.nuts_import(path=shared_data_dir / "nuts" / "NUTS_LB_2021_4326.geojson")

    assert Region.objects.get(code="DEF0", nuts_version=2021).label_point == [9.8212, 54.0804]


def test_bad_json_is_refused(tmp_path):
    path = tmp_path / "NUTS_RG_60M_2021_4326.geojson"
    path.write_text("{not json")

    with pytest.raises(nuts.NutsImportError, match="not valid GeoJSON"):
        nuts.nuts_import(path=path)


def test_unknown_file_type_is_refused(tmp_path):
    path = tmp_path / "nuts2021.xlsx"
    path.write_bytes(b"PK\x03\x04")

    with pytest.raises(nuts.NutsImportError, match="neither GeoJSON"):
        nuts.nuts_import(path=path)


@pytest.mark.parametrize(
    ("features", "message"),
    [
        ([feature("FI"), feature("", level=1)], "feature 3 has no NUTS_ID"),
        ([feature("FI"), feature("FI1", level=7)], r"feature 3 \(FI1\): LEVL_CODE must be 0, 1, 2 or 3"),
        ([feature("FI"), feature("FI1", level=2)], r"feature 3 \(FI1\): LEVL_CODE is 2"),
        ([feature("FI"), feature("FI1D")], "FI1D: its parent FI1 is neither"),
        ([feature("FI"), feature("FI", name="Again")], "FI appears twice"),
        ([feature("FI"), feature("fi1")], "is not a NUTS code"),
        ([feature("FI", geometry={"type": "LineString", "coordinates": []})], "is not a polygon or point"),
    ],
)
def test_bad_features_are_refused_with_nothing_written(tmp_path, features, message):
    good = feature("SE", geometry=SQUARE)
    path = write(tmp_path, [good, *features])

    with pytest.raises(nuts.NutsImportError, match=message):
        nuts.nuts_import(path=path)

    assert Region.objects.count() == 0


def test_version_is_needed_when_the_name_does_not_say(tmp_path):
    path = write(tmp_path, [feature("FI")], name="regions.geojson")

    with pytest.raises(nuts.NutsImportError, match="give --version"):
        nuts.nuts_import(path=path)
    result = nuts.nuts_import(path=path, version=2024)

    assert result.created == 1


def test_reimport_reports_updates_and_keeps_curated_typologies(tmp_path):
    path = write(tmp_path, [feature("FI", geometry=SQUARE), feature("FI1"), feature("FI1D", name="Old")])
    nuts.nuts_import(path=path)
    Region.objects.filter(code="FI1D").update(coastal=True, is_nspa=True)

    path = write(tmp_path, [feature("FI", geometry=SQUARE), feature("FI1"), feature("FI1D", name="New")])
    result = nuts.nuts_import(path=path)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    fi1d = Region.objects.get(code="FI1D")
    assert (fi1d.name, fi1d.coastal, fi1d.is_nspa) == ("New", True, True)


def test_command_prints_counts_and_refuses_bad_files(tmp_path, capsys):
    path = write(tmp_path, [feature("FI", geometry=SQUARE), feature("FI1")])

    call_command("import_nuts", str(path))
    call_command("import_nuts", str(path))

    out = capsys.readouterr().out
    assert "NUTS 2021: 2 created, 0 updated, 0 unchanged" in out
    assert "NUTS 2021: 0 created, 0 updated, 2 unchanged" in out
    with pytest.raises(CommandError, match="FI1X1: its parent FI1X is neither.*Nothing was imported"):
        call_command("import_nuts", str(write(tmp_path, [feature("FI1X1")], name="x_2021.geojson")))


def test_command_refuses_a_deeply_nested_file_with_a_clear_error(tmp_path):
    path = tmp_path / "NUTS_RG_60M_2021_4326.geojson"
    path.write_text('{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}")

    with pytest.raises(CommandError) as error:
        call_command("import_nuts", str(path))

    assert str(error.value) == (
        "NUTS_RG_60M_2021_4326.geojson is not valid GeoJSON: it is nested too deeply. Nothing was imported."
    )
    assert Region.objects.count() == 0


class _GiscoHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files of the data folder under the GISCO distribution's /geojson/ path."""

    requests: list[str] = []

    def translate_path(self, path):
        type(self).requests.append(path)
        return super().translate_path(path.replace("/geojson/", "/", 1))

    def log_message(self, *args):
        pass


@pytest.fixture
def gisco_server(shared_data_dir):
    _GiscoHandler.requests = []
    handler = partial(_GiscoHandler, directory=str(shared_data_dir / "nuts"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_fetches_caches_and_imports(gisco_server, tmp_path, settings, capsys):
    settings.DATA_DIR = tmp_path

    call_command("import_nuts", "--download", "--version", "2021", "--scale", "60M", "--url", gisco_server)
    call_command("import_nuts", "--download", "--version", "2021", "--scale", "60M", "--url", gisco_server)

    assert _GiscoHandler.requests == ["/geojson/NUTS_RG_60M_2021_4326.geojson"]
    assert (tmp_path / "nuts" / "NUTS_RG_60M_2021_4326.geojson").exists()
    assert Region.objects.filter(nuts_version=2021).count() == 2010
    assert "0 created, 0 updated, 2010 unchanged" in capsys.readouterr().out


def test_download_failure_is_a_clear_error(gisco_server, tmp_path, settings):
    settings.DATA_DIR = tmp_path

    with pytest.raises(CommandError, match="Could not download .*NUTS_RG_20M_2016_4326.geojson"):
        call_command("import_nuts", "--download", "--version", "2016", "--scale", "20M", "--url", gisco_server)

    assert list((tmp_path / "nuts").iterdir()) == []
