"""What the shipped Eurostat files hold: datasets, the indicators read from them, labels, units, sources.

One table, so each label's translations sit beside the English and are loaded into the translation fields.
Category labels and units are stored in English and translated on display, hence `gettext_noop`
(spelt out, so that makemessages finds them).
A dataset not listed here is still imported: each of its series becomes an indicator named after it.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_noop

REUSE = "reuse under the Commission's reuse policy / CC BY 4.0"
TYPOLOGY_DATASET = "nuts2021_typologies"
TYPOLOGY_LICENCE = (
    "Source: Eurostat, NUTS 2021 classification and territorial typologies (Tercet), "
    "reuse under the Commission's reuse policy / CC BY 4.0"
)


def licence_line(*codes: str, extra: str = "") -> str:
    return f"Source: Eurostat ({', '.join(codes)}){extra}, {REUSE}"


# Units are stored in English, as below, and translated on display (`{% translate unit %}`).
UNITS = (
    gettext_noop("persons"),
    gettext_noop("km²"),
    gettext_noop("persons per km² of land"),
    gettext_noop("euro per inhabitant"),
    gettext_noop("million euro"),
    gettext_noop("years"),
    # xgettext:no-python-format
    gettext_noop("% of all deaths"),
)

# The order of the label tuples below.
LABEL_LANGUAGES = ("en", "fr", "de", "es", "it", "nl")


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    labels: dict[str, str]
    unit: str
    dataset: str
    licence: str
    order: int
    categories: dict[str, str] = field(default_factory=dict)
    yes_codes: tuple[str, ...] = ()
    year_note: str = ""

    @property
    def label(self) -> str:
        return self.labels["en"]


def _labels(texts: tuple[str, ...]) -> dict[str, str]:
    assert len(texts) == len(LABEL_LANGUAGES), texts
    return dict(zip(LABEL_LANGUAGES, texts, strict=True))


def _numeric(code, labels, unit, dataset, order, licence=None, year_note=""):
    return IndicatorSpec(
        code, _labels(labels), unit, dataset, licence or licence_line(dataset), order, year_note=year_note
    )


TYPOLOGY_NOTE = "NUTS 2021 classification (Eurostat workbook, version of 11 May 2022)"


def _typology(code, labels, order, categories, yes_codes=()):
    return IndicatorSpec(
        code, _labels(labels), "", TYPOLOGY_DATASET, TYPOLOGY_LICENCE, order, categories, tuple(yes_codes),
        TYPOLOGY_NOTE,
    )  # fmt: skip


LIFE_EXPECTANCY_LICENCE = licence_line("demo_r_mlifexp", "demo_mlexpec", extra=", Regional Yearbook 2026")
CAUSES_LICENCE = licence_line("hlth_cd_asdr2", extra=", Regional Yearbook 2026")
LIFE_EXPECTANCY_NOTE = (
    "2024; Greece, Malta, Austria, Portugal, Norway, Moldova and Türkiye: 2023 (Regional Yearbook 2026)"
)
CAUSES_NOTE = "2023 (Regional Yearbook 2026)"

INDICATORS: dict[str, IndicatorSpec] = {
    spec.code: spec
    for spec in [
        _numeric("population", ("Population on 1 January", "Population au 1er janvier", "Bevölkerung am 1. Januar",
                                "Población a 1 de enero", "Popolazione al 1º gennaio", "Bevolking op 1 januari"),
                 "persons", "demo_r_pjanaggr3", 10),
        _numeric("area", ("Total area", "Superficie totale", "Gesamtfläche", "Superficie total", "Superficie totale",
                          "Totale oppervlakte"), "km²", "reg_area3", 20),
        _numeric("density", ("Population density", "Densité de population", "Bevölkerungsdichte",
                             "Densidad de población", "Densità di popolazione", "Bevolkingsdichtheid"),
                 "persons per km² of land", "demo_r_d3dens", 30),
        _numeric("gdp_eur_hab", ("GDP per inhabitant", "PIB par habitant", "BIP je Einwohner", "PIB por habitante",
                                 "PIL per abitante", "Bbp per inwoner"), "euro per inhabitant", "nama_10r_2gdp", 40),
        _numeric("gdp_mio_eur", ("GDP", "PIB", "BIP", "PIB", "PIL", "Bbp"), "million euro", "nama_10r_2gdp", 41),
        _numeric("life_expectancy_f", ("Life expectancy at birth, women", "Espérance de vie à la naissance, femmes",
                                       "Lebenserwartung bei der Geburt, Frauen", "Esperanza de vida al nacer, mujeres",
                                       "Speranza di vita alla nascita, donne",
                                       "Levensverwachting bij de geboorte, vrouwen"),
                 "years", "demo_r_mlifexp", 50, LIFE_EXPECTANCY_LICENCE, LIFE_EXPECTANCY_NOTE),
        _numeric("life_expectancy_m", ("Life expectancy at birth, men", "Espérance de vie à la naissance, hommes",
                                       "Lebenserwartung bei der Geburt, Männer", "Esperanza de vida al nacer, hombres",
                                       "Speranza di vita alla nascita, uomini",
                                       "Levensverwachting bij de geboorte, mannen"),
                 "years", "demo_r_mlifexp", 51, LIFE_EXPECTANCY_LICENCE, LIFE_EXPECTANCY_NOTE),
        _numeric("deaths_circulatory_share", ("Deaths from circulatory diseases",
                                              "Décès dus aux maladies de l'appareil circulatoire",
                                              "Todesfälle durch Kreislauferkrankungen",
                                              "Muertes por enfermedades del sistema circulatorio",
                                              "Decessi per malattie del sistema circolatorio",
                                              "Sterfgevallen door hart- en vaatziekten"),
                 "% of all deaths", "hlth_cd_asdr2", 60, CAUSES_LICENCE, CAUSES_NOTE),
        _numeric("deaths_cancer_share", ("Deaths from cancer", "Décès dus au cancer", "Todesfälle durch Krebs",
                                         "Muertes por cáncer", "Decessi per tumore", "Sterfgevallen door kanker"),
                 "% of all deaths", "hlth_cd_asdr2", 61, CAUSES_LICENCE, CAUSES_NOTE),
        _numeric("deaths_respiratory_share", ("Deaths from respiratory diseases",
                                              "Décès dus aux maladies de l'appareil respiratoire",
                                              "Todesfälle durch Krankheiten der Atemwege",
                                              "Muertes por enfermedades del sistema respiratorio",
                                              "Decessi per malattie del sistema respiratorio",
                                              "Sterfgevallen door ziekten van de luchtwegen"),
                 "% of all deaths", "hlth_cd_asdr2", 62, CAUSES_LICENCE, CAUSES_NOTE),
        _numeric("deaths_other_share", ("Deaths from other causes", "Décès dus à d'autres causes",
                                        "Todesfälle durch andere Ursachen", "Muertes por otras causas",
                                        "Decessi per altre cause", "Sterfgevallen door andere oorzaken"),
                 "% of all deaths", "hlth_cd_asdr2", 63, CAUSES_LICENCE, CAUSES_NOTE),
        _typology("urban_rural", ("Urban-rural typology", "Typologie urbain-rural", "Stadt-Land-Typologie",
                                  "Tipología urbano-rural", "Tipologia urbano-rurale",
                                  "Stedelijk-landelijke typologie"),
                  70, {"1": gettext_noop("Predominantly urban"), "2": gettext_noop("Intermediate"),
                       "3": gettext_noop("Predominantly rural")}),
        _typology("remoteness", ("Urban-rural remoteness", "Typologie urbain-rural et éloignement",
                                 "Stadt-Land-Typologie und Abgelegenheit", "Tipología urbano-rural y lejanía",
                                 "Tipologia urbano-rurale e lontananza",
                                 "Stedelijk-landelijke typologie en afgelegenheid"), 71, {
            "1": gettext_noop("Predominantly urban"), "21": gettext_noop("Intermediate, close to a city"),
            "22": gettext_noop("Intermediate, remote"), "31": gettext_noop("Predominantly rural, close to a city"),
            "32": gettext_noop("Predominantly rural, remote"),
        }),
        _typology("remote", ("Remote region", "Région éloignée", "Abgelegene Region", "Región remota",
                             "Regione remota", "Afgelegen regio"), 72,
                  {"Y": gettext_noop("Remote"), "N": gettext_noop("Not remote")},
                  ["Y"]),
        _typology("metropolitan", ("Metropolitan region", "Région métropolitaine", "Metropolregion",
                                   "Región metropolitana", "Regione metropolitana", "Grootstedelijke regio"), 73,
                  {"Y": gettext_noop("Metropolitan"), "N": gettext_noop("Not metropolitan")}, ["Y"]),
        _typology("coastal", ("Coastal region", "Région côtière", "Küstenregion", "Región costera", "Regione costiera",
                              "Kustregio"), 74, {
            "1": gettext_noop("Coastal (on the coast)"),
            "2": gettext_noop("Coastal (half or more of the population within 50 km of the coast)"),
            "0": gettext_noop("Not coastal"),
        }, ["1", "2"]),
        # The workbook's legend and GISCO's documentation disagree on what 1 and 2 mean: shown together.
        _typology("mountain", ("Mountain region", "Région de montagne", "Bergregion", "Región de montaña",
                               "Regione montana", "Bergregio"), 75,
                  {"1": gettext_noop("Mountain region"), "2": gettext_noop("Mountain region"),
                   "3": gettext_noop("Mountain region"),
                   "4": gettext_noop("Not mountain")},
                  ["1", "2", "3"]),
        _typology("border", ("Border region", "Région frontalière", "Grenzregion", "Región fronteriza",
                             "Regione di confine", "Grensregio"), 76,
                  {"1": gettext_noop("Border region"), "9": gettext_noop("Not a border region")}, ["1"]),
        _typology("island", ("Island region", "Région insulaire", "Inselregion", "Región insular", "Regione insulare",
                             "Eilandregio"), 77,
                  {"Y": gettext_noop("Island region"), "N": gettext_noop("Not an island region")}, ["Y"]),
    ]
}  # fmt: skip

# Remoteness codes of the regions Eurostat calls remote (intermediate and predominantly rural, remote).
REMOTE_CODES = {"22", "32"}


def _by_year(year: int | None) -> int:
    # Eurostat publishes 2024 onwards in NUTS 2024 codes and back-casts earlier years in NUTS 2021.
    return 2024 if year is not None and year >= 2024 else 2021


@dataclass(frozen=True)
class DatasetSpec:
    """Which series of a file become which indicator, and the NUTS version of each year's codes."""

    code: str
    # (dimension filter, indicator code); the first filter the series' dimensions match wins.
    series: tuple[tuple[dict[str, str], str], ...] = ()
    fixed_version: int | None = None

    def nuts_version(self, year: int | None) -> int:
        return self.fixed_version or _by_year(year)

    def indicator_for(self, key: dict[str, str]) -> str | None:
        for wanted, indicator in self.series:
            if all(key.get(name) == value for name, value in wanted.items()):
                return indicator
        return None


DATASETS: dict[str, DatasetSpec] = {
    spec.code: spec
    for spec in [
        DatasetSpec("demo_r_pjanaggr3", (({"sex": "T", "age": "TOTAL"}, "population"),)),
        DatasetSpec("reg_area3", (({"landuse": "TOTAL", "unit": "KM2"}, "area"),)),
        DatasetSpec("demo_r_d3dens", (({}, "density"),), fixed_version=2021),
        DatasetSpec(
            "nama_10r_2gdp",
            (({"unit": "EUR_HAB"}, "gdp_eur_hab"), ({"unit": "MIO_EUR"}, "gdp_mio_eur")),
            fixed_version=2021,
        ),
        DatasetSpec(
            "RYB2026_CH02M02",
            (({"option": "A"}, "life_expectancy_f"), ({"option": "B"}, "life_expectancy_m")),
            fixed_version=2024,
        ),
        DatasetSpec(
            "RYB2026_CH02M03",
            tuple(
                ({"file": name}, f"deaths_{name}_share") for name in ("circulatory", "cancer", "respiratory", "other")
            ),
            fixed_version=2024,
        ),
        DatasetSpec(TYPOLOGY_DATASET, fixed_version=2021),
    ]
}

_YEARBOOK = re.compile(r"^(RYB\d{4}_CH\d+M\d+)")


def dataset_from_name(path: Path) -> str:
    """Eurostat's dataset code from a file name: `demo_r_d3dens_linear.csv` -> `demo_r_d3dens`."""
    for name in (path.stem, path.parent.name):
        match = _YEARBOOK.match(name)
        if match:
            return match.group(1)
    stem = path.stem
    if stem.lower().startswith("nuts2021"):
        return TYPOLOGY_DATASET
    stem = re.sub(r"__custom_\d+.*$", "", stem)
    return re.sub(r"_linear(_\d+_\d+)?$", "", stem)


def dataset_spec(code: str) -> DatasetSpec:
    return DATASETS.get(code) or DatasetSpec(code)


def indicator_spec(code: str, *, dataset: str, key: dict[str, str]) -> IndicatorSpec:
    """The shipped indicator's metadata, or one made from the series for a dataset not listed above."""
    if code in INDICATORS:
        return INDICATORS[code]
    return IndicatorSpec(code, {"en": code}, key.get("unit", ""), dataset, licence_line(dataset), 200)
