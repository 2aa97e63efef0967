import csv
import http.server
import threading
from functools import partial

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from regions.models import EU27, Indicator, IndicatorValue
from regions.statistics import catalogue, importer
from regions.statistics.parsers import StatisticsFileError

pytestmark = pytest.mark.django_db

SHIPPED = [
    "demo_r_pjanaggr3.tsv",
    "reg_area3.tsv",
    "demo_r_d3dens_linear.csv",
    "nama_10r_2gdp__custom_6388021_linear.csv",
    "nuts2021_typologies_nuts3.csv",
    "RYB2026_CH02M02_life_expectancy.json",
    *[f"RYB2026_CH02M03_causes_of_death_shares/{n}.json" for n in ("circulatory", "cancer", "respiratory", "other")],
]


@pytest.fixture
def eurostat_dir(shared_data_dir):
    path = shared_data_dir / "eurostat"
    if not path.exists():
        pytest.skip(f"Eurostat files not present at {path}")
    return path


CODE_LISTS = {}


@pytest.fixture
def code_lists(shared_data_dir):
    for version in (2021, 2024):
        with (shared_data_dir / "nuts" / f"nuts{version}_codes.csv").open(encoding="utf-8") as handle:
            CODE_LISTS[version] = {row["NUTS_ID"] for row in csv.DictReader(handle)}


def codes_of(version):
    return CODE_LISTS[version]


def value(indicator, code, year, version=None):
    qs = IndicatorValue.objects.filter(indicator__code=indicator, region_code=code, year=year)
    if version:
        qs = qs.filter(nuts_version=version)
    return qs.get()


def eu_codes(indicator, *, level, version, year):
    # SOURCE.md counts the codes of the version's code list; 2021-2023 columns also back-cast NUTS 2024 codes.
    return codes_of(version) & set(
        IndicatorValue.objects.filter(
            indicator__code=indicator, level=level, nuts_version=version, year=year, country_code__in=EU27
        ).values_list("region_code", flat=True)
    )


def test_shipped_files_give_the_counts_and_values_of_source_md(eurostat_dir, code_lists):
    importer.indicators_import(paths=[eurostat_dir / name for name in SHIPPED])

    assert len(eu_codes("population", level=2, version=2024, year=2025)) == 244
    assert len(eu_codes("population", level=3, version=2024, year=2025)) == 1165
    assert len(eu_codes("population", level=2, version=2021, year=2023)) == 242
    assert len(eu_codes("population", level=3, version=2021, year=2023)) == 1166
    assert value("population", "FI1D", 2025).value == 1_272_126
    assert (value("population", "BE21", 2025).value, value("population", "BE21", 2024).value) == (1947973, 1932876)
    assert value("population", "MT002", 2025).value == 41253
    flags_2025 = IndicatorValue.objects.filter(indicator__code="population", year=2025, country_code__in=EU27)
    assert (flags_2025.filter(flags="p").count(), flags_2025.filter(flags="e").count()) == (143, 55)

    assert len(eu_codes("area", level=3, version=2024, year=2026)) == 1165
    assert value("area", "FI1D", 2026).value == 227_119
    assert (value("area", "BE21", 2026).value, value("area", "MT002", 2026).value) == (2876, 69)

    assert len(eu_codes("density", level=2, version=2021, year=2022)) == 240
    assert len(eu_codes("density", level=3, version=2021, year=2022)) == 1145
    assert (value("density", "FI1D", 2022).value, value("density", "BE21", 2022).value) == (6.3, 672.2)
    assert value("density", "FI1D9", 2022).value == 11.2

    assert len(eu_codes("gdp_eur_hab", level=2, version=2021, year=2021)) == 242
    assert value("gdp_eur_hab", "FI1D", 2021).value == 38400
    be21 = value("gdp_eur_hab", "BE21", 2021)
    assert (be21.value, be21.flags) == (52100, "p")

    women, men = value("life_expectancy_f", "FI1D", None), value("life_expectancy_m", "FI1D", None)
    assert (women.value, men.value, women.nuts_version) == (84.4, 79.1, 2024)
    assert len(eu_codes("life_expectancy_f", level=2, version=2024, year=None)) == 244
    assert len(eu_codes("deaths_cancer_share", level=1, version=2024, year=None)) == 92

    typologies = IndicatorValue.objects.filter(nuts_version=2021, country_code__in=EU27, level=3)
    for code, expected in [
        ("urban_rural", {"1": 241, "2": 513, "3": 412}),
        ("remoteness", {"1": 241, "21": 464, "22": 49, "31": 265, "32": 147}),
        ("coastal", {"0": 827, "1": 295, "2": 44}),
        ("mountain", {"1": 4, "2": 138, "3": 167, "4": 857}),
        ("border", {"1": 384, "9": 782}),
        ("metropolitan", {"Y": 449, "N": 717}),
        ("remote", {"Y": 196, "N": 970}),
        ("island", {"Y": 58, "N": 1108}),
    ]:
        rows = typologies.filter(indicator__code=code).values_list("category", flat=True)
        counts = {category: list(rows).count(category) for category in expected}
        assert counts == expected, code

    population = Indicator.objects.get(code="population")
    assert (population.dataset, population.unit, population.levels) == ("demo_r_pjanaggr3", "persons", [0, 1, 2, 3])
    assert population.licence == (
        "Source: Eurostat (demo_r_pjanaggr3), reuse under the Commission's reuse policy / CC BY 4.0"
    )


def test_workbook_gives_the_same_typologies_as_the_derived_csv(eurostat_dir):
    importer.indicators_import(paths=[eurostat_dir / "nuts2021_typologies_nuts3.csv"])
    before = set(IndicatorValue.objects.values_list("indicator__code", "region_code", "category"))

    results = importer.indicators_import(paths=[eurostat_dir / "NUTS2021.xlsx"])

    assert {r.code for r in results} >= {"urban_rural", "remoteness", "island", "mountain"}
    # The workbook marks every code of the other sheets "not an island"; the CSV does the same.
    assert set(IndicatorValue.objects.values_list("indicator__code", "region_code", "category")) == before
    assert sum(r.created + r.updated for r in results) == 0


def test_reimport_of_shipped_files_changes_nothing(eurostat_dir):
    """Idempotence; how fast both imports are is measured by make bench, not here."""
    paths = [eurostat_dir / name for name in SHIPPED]
    importer.indicators_import(paths=paths)
    before = list(IndicatorValue.objects.order_by("id").values())

    results = importer.indicators_import(paths=paths)

    assert sum(r.created + r.updated for r in results) == 0
    assert sum(r.unchanged for r in results) > 0
    assert list(IndicatorValue.objects.order_by("id").values()) == before


TSV = (
    "freq,unit,sex,age,geo\\TIME_PERIOD\t2023 \t2024 \t2025 \n"
    "A,NR,T,TOTAL,FI1D\t1271344 \t1272680 \t1272126 \n"
    "A,NR,T,TOTAL,FI1D1\t5400 p\t: \t: m\n"
    "A,NR,F,TOTAL,FI1D\t1 \t2 \t3 \n"
    "A,NR,T,TOTAL,EU27_2020\t1 \t2 \t3 \n"
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_tsv_values_flags_versions_and_counts(tmp_path):
    results = importer.indicators_import(paths=[write(tmp_path, "demo_r_pjanaggr3.tsv", TSV)])

    assert [(r.code, r.created, r.updated, r.unchanged) for r in results] == [("population", 4, 0, 0)]
    rows = list(
        IndicatorValue.objects.order_by("region_code", "year").values_list(
            "region_code", "year", "nuts_version", "level", "value", "flags"
        )
    )
    assert rows == [
        ("FI1D", 2023, 2021, 2, 1271344.0, ""),
        ("FI1D", 2024, 2024, 2, 1272680.0, ""),
        ("FI1D", 2025, 2024, 2, 1272126.0, ""),
        ("FI1D1", 2023, 2021, 3, 5400.0, "p"),
    ]


def planner_row_estimate(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()[0]


def test_import_refreshes_the_planners_statistics(tmp_path):
    """Pages right after an import must not be planned for the table as it was before it."""
    importer.indicators_import(paths=[write(tmp_path, "demo_r_pjanaggr3.tsv", TSV)])

    assert planner_row_estimate(IndicatorValue) == 4


def test_reimport_reports_updated_and_unchanged(tmp_path):
    path = write(tmp_path, "demo_r_pjanaggr3.tsv", TSV)
    importer.indicators_import(paths=[path])
    write(tmp_path, "demo_r_pjanaggr3.tsv", TSV.replace("5400 p", "5401 e"))

    (result,) = importer.indicators_import(paths=[path])

    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    assert value("population", "FI1D1", 2023).flags == "e"


def test_sdmx_csv_and_reduced_csv(tmp_path):
    sdmx = write(
        tmp_path,
        "nama_10r_2gdp__custom_1_linear.csv",
        "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
        "ESTAT:NAMA_10R_2GDP(1.0),21/02/23 23:00:00,A,EUR_HAB,BE21,2021,52100,p\n"
        "ESTAT:NAMA_10R_2GDP(1.0),21/02/23 23:00:00,A,MIO_EUR,BE21,2021,97000,\n"
        "ESTAT:NAMA_10R_2GDP(1.0),21/02/23 23:00:00,A,PPS_HAB,BE21,2021,1,\n",
    )
    reduced = write(tmp_path, "demo_r_d3dens_linear.csv", "geo,TIME_PERIOD,OBS_VALUE\nFI1D,2022,6.3\nFI1D9,2022,11.2\n")

    results = importer.indicators_import(paths=[sdmx, reduced])

    assert {r.code: r.created for r in results} == {"gdp_eur_hab": 1, "gdp_mio_eur": 1, "density": 2}
    assert (value("gdp_eur_hab", "BE21", 2021).flags, value("density", "FI1D9", 2022).value) == ("p", 11.2)


def test_yearbook_json_has_no_year_and_says_where_the_year_is(tmp_path):
    path = write(
        tmp_path,
        "RYB2026_CH02M02_life_expectancy.json",
        '{"options": [{"code": "A", "data": {"FI1D": 84.4}}, {"code": "B", "data": {"FI1D": 79.1, "UA": ":"}}]}',
    )

    importer.indicators_import(paths=[path])

    assert value("life_expectancy_m", "FI1D", None).value == 79.1
    assert "2023" in Indicator.objects.get(code="life_expectancy_f").year_note


def test_unknown_dataset_gets_an_indicator_per_series(tmp_path):
    path = write(tmp_path, "x.tsv", "freq,unit,geo\\TIME_PERIOD\t2020 \nA,PC,FI1D\t4.5 \n")

    (result,) = importer.indicators_import(paths=[path], dataset="tgs00001")

    indicator = Indicator.objects.get(code=result.code)
    assert (indicator.code, indicator.unit, indicator.dataset) == ("tgs00001.PC", "PC", "tgs00001")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("demo_r_pjanaggr3.tsv", TSV + "A,NR,T,TOTAL,FI1D2\t12 \t13\n", r"line 6: 3 cells where the header has 4"),
        ("demo_r_pjanaggr3.tsv", TSV + "A,NR,T,TOTAL,FI1D2\tabc \t1 \t1 \n", r"line 6: 'abc' is not a number"),
        ("demo_r_pjanaggr3.tsv", "geo,2020\nFI1D,1\n", r"line 1: not a Eurostat TSV header"),
        ("demo_r_d3dens.csv", "geo,TIME_PERIOD,OBS_VALUE\nFI1D,2022,6.3\nFI1D,2022-Q1,1\n", r"line 3: .*not a year"),
        ("demo_r_d3dens.csv", "geo,TIME_PERIOD,OBS_VALUE\nFI1D,2022,6.3\nFI1D,2022,6.4\n", r"line 3: .*given twice"),
        ("demo_r_d3dens.csv", "geo,OBS_VALUE\nFI1D,6.3\n", r"line 1: no TIME_PERIOD column"),
        ("RYB2026_CH02M02.json", '{"options": [{"code": "A", "data": {"FI1D": 84.4,}}]}', r"line 1: not valid JSON"),
    ],
)
def test_malformed_files_are_refused_naming_the_line_and_nothing_is_written(tmp_path, name, text, message):
    good = write(tmp_path, "reg_area3.tsv", "freq,landuse,unit,geo\\TIME_PERIOD\t2026 \nA,TOTAL,KM2,FI1D\t227119 \n")
    bad = write(tmp_path, name, text)

    with pytest.raises(StatisticsFileError, match=message):
        importer.indicators_import(paths=[good, bad])

    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("name", "dataset"),
    [
        ("demo_r_pjanaggr3.tsv", "demo_r_pjanaggr3"),
        ("demo_r_d3dens_linear.csv", "demo_r_d3dens"),
        ("nama_10r_2gdp__custom_6388021_linear.csv", "nama_10r_2gdp"),
        ("RYB2026_CH02M02_life_expectancy.json", "RYB2026_CH02M02"),
        ("RYB2026_CH02M03_causes_of_death_shares/cancer.json", "RYB2026_CH02M03"),
        ("NUTS2021.xlsx", catalogue.TYPOLOGY_DATASET),
    ],
)
def test_dataset_code_from_file_name(tmp_path, name, dataset):
    assert catalogue.dataset_from_name(tmp_path / name) == dataset


def test_every_shipped_indicator_is_labelled_in_every_language():
    languages = {"en", "fr", "de", "es", "it", "nl"}
    for spec in catalogue.INDICATORS.values():
        labels = spec.labels
        assert set(labels) == languages and all(text.strip() for text in labels.values()), spec.code
        assert len(set(labels.values())) >= 4, spec.code  # translated, not English copied over
    assert set(catalogue.LABELS) == set(catalogue.INDICATORS)


def test_command_prints_per_indicator_counts_and_refuses_bad_files(tmp_path, capsys):
    path = write(tmp_path, "demo_r_pjanaggr3.tsv", TSV)
    call_command("import_indicators", str(path))
    call_command("import_indicators", str(path))

    out = capsys.readouterr().out
    assert "population: 4 created, 0 updated, 0 unchanged." in out
    assert "population: 0 created, 0 updated, 4 unchanged." in out
    with pytest.raises(CommandError, match=r"line 2: .* Nothing was imported"):
        call_command("import_indicators", str(write(tmp_path, "reg_area3.tsv", "a,geo\\TIME_PERIOD\t2020 \nx\t1\n")))
    with pytest.raises(CommandError, match="either FILE"):
        call_command("import_indicators")


@pytest.fixture
def eurostat_server(tmp_path):
    root = tmp_path / "served"
    dataset = root / "sdmx" / "2.1" / "data" / "reg_area3"
    dataset.mkdir(parents=True)
    (dataset / "index.html").write_text("freq,landuse,unit,geo\\TIME_PERIOD\t2026 \nA,TOTAL,KM2,FI1D\t227119 \n")
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.path = self.path.split("?")[0]
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_download_fetches_caches_and_imports(eurostat_server, tmp_path, settings, capsys):
    url, requests = eurostat_server
    settings.DATA_DIR = tmp_path / "data"
    call_command("import_indicators", "--download", "reg_area3", "--url", url)
    call_command("import_indicators", "--download", "reg_area3", "--url", url)

    assert requests == ["/sdmx/2.1/data/reg_area3/?format=TSV&compressed=false"]
    assert (tmp_path / "data" / "eurostat" / "reg_area3.tsv").exists()
    assert value("area", "FI1D", 2026).value == 227119


def test_download_failure_is_a_clear_error(eurostat_server, tmp_path, settings):
    url, _requests = eurostat_server
    settings.DATA_DIR = tmp_path / "data"
    with pytest.raises(CommandError, match="Could not download .*nama_10r_3gdp"):
        call_command("import_indicators", "--download", "nama_10r_3gdp", "--url", url)
    assert not list((tmp_path / "data" / "eurostat").glob("*"))
