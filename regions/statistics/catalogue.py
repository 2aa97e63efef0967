"""What the shipped Eurostat files hold: datasets, the indicators read from them, labels, units, sources.

Indicator labels are content: English in the table, the other languages in LABELS, loaded into the
per-language columns of Indicator.label.
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


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    label: str
    unit: str
    dataset: str
    licence: str
    order: int
    categories: dict[str, str] = field(default_factory=dict)
    yes_codes: tuple[str, ...] = ()
    year_note: str = ""

    @property
    def labels(self) -> dict[str, str]:
        """The label in each language: English from the spec, the others from LABELS."""
        return {"en": self.label, **LABELS.get(self.code, {})}


def _numeric(code, label, unit, dataset, order, licence=None, year_note=""):
    return IndicatorSpec(code, label, unit, dataset, licence or licence_line(dataset), order, year_note=year_note)


TYPOLOGY_NOTE = "NUTS 2021 classification (Eurostat workbook, version of 11 May 2022)"


def _typology(code, label, order, categories, yes_codes=()):
    return IndicatorSpec(
        code, label, "", TYPOLOGY_DATASET, TYPOLOGY_LICENCE, order, categories, tuple(yes_codes),
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
        _numeric("population", "Population on 1 January", "persons", "demo_r_pjanaggr3", 10),
        _numeric("area", "Total area", "km²", "reg_area3", 20),
        _numeric("density", "Population density", "persons per km² of land", "demo_r_d3dens", 30),
        _numeric("gdp_eur_hab", "GDP per inhabitant", "euro per inhabitant", "nama_10r_2gdp", 40),
        _numeric("gdp_mio_eur", "GDP", "million euro", "nama_10r_2gdp", 41),
        _numeric("life_expectancy_f", "Life expectancy at birth, women", "years", "demo_r_mlifexp", 50,
                 LIFE_EXPECTANCY_LICENCE, LIFE_EXPECTANCY_NOTE),
        _numeric("life_expectancy_m", "Life expectancy at birth, men", "years", "demo_r_mlifexp", 51,
                 LIFE_EXPECTANCY_LICENCE, LIFE_EXPECTANCY_NOTE),
        _numeric("deaths_circulatory_share", "Deaths from circulatory diseases", "% of all deaths", "hlth_cd_asdr2",
                 60, CAUSES_LICENCE, CAUSES_NOTE),
        _numeric("deaths_cancer_share", "Deaths from cancer", "% of all deaths", "hlth_cd_asdr2", 61,
                 CAUSES_LICENCE, CAUSES_NOTE),
        _numeric("deaths_respiratory_share", "Deaths from respiratory diseases", "% of all deaths", "hlth_cd_asdr2",
                 62, CAUSES_LICENCE, CAUSES_NOTE),
        _numeric("deaths_other_share", "Deaths from other causes", "% of all deaths", "hlth_cd_asdr2", 63,
                 CAUSES_LICENCE, CAUSES_NOTE),
        _typology("urban_rural", "Urban-rural typology", 70,
                  {"1": gettext_noop("Predominantly urban"), "2": gettext_noop("Intermediate"),
                   "3": gettext_noop("Predominantly rural")}),
        _typology("remoteness", "Urban-rural remoteness", 71, {
            "1": gettext_noop("Predominantly urban"), "21": gettext_noop("Intermediate, close to a city"),
            "22": gettext_noop("Intermediate, remote"),
            "31": gettext_noop("Predominantly rural, close to a city"),
            "32": gettext_noop("Predominantly rural, remote"),
        }),
        _typology("remote", "Remote region", 72, {"Y": gettext_noop("Remote"), "N": gettext_noop("Not remote")}, ["Y"]),
        _typology("metropolitan", "Metropolitan region", 73,
                  {"Y": gettext_noop("Metropolitan"), "N": gettext_noop("Not metropolitan")}, ["Y"]),
        _typology("coastal", "Coastal region", 74, {
            "1": gettext_noop("Coastal (on the coast)"),
            "2": gettext_noop("Coastal (half or more of the population within 50 km of the coast)"),
            "0": gettext_noop("Not coastal"),
        }, ["1", "2"]),
        # The workbook's legend and GISCO's documentation disagree on what 1 and 2 mean: shown together.
        _typology("mountain", "Mountain region", 75,
                  {"1": gettext_noop("Mountain region"), "2": gettext_noop("Mountain region"),
                   "3": gettext_noop("Mountain region"),
                   "4": gettext_noop("Not mountain")},
                  ["1", "2", "3"]),
        _typology("border", "Border region", 76,
                  {"1": gettext_noop("Border region"), "9": gettext_noop("Not a border region")}, ["1"]),
        _typology("island", "Island region", 77,
                  {"Y": gettext_noop("Island region"), "N": gettext_noop("Not an island region")}, ["Y"]),
    ]
}  # fmt: skip

# The indicator labels in the portal's other languages (English is the spec's `label`); they are
# loaded into Indicator.label_<language>, where coordinators may edit them.
LABELS: dict[str, dict[str, str]] = {
    "population": {
        "fr": "Population au 1er janvier",
        "de": "Bevölkerung am 1. Januar",
        "es": "Población a 1 de enero",
        "it": "Popolazione al 1° gennaio",
        "nl": "Bevolking op 1 januari",
    },
    "area": {
        "fr": "Superficie totale",
        "de": "Gesamtfläche",
        "es": "Superficie total",
        "it": "Superficie totale",
        "nl": "Totale oppervlakte",
    },
    "density": {
        "fr": "Densité de population",
        "de": "Bevölkerungsdichte",
        "es": "Densidad de población",
        "it": "Densità di popolazione",
        "nl": "Bevolkingsdichtheid",
    },
    "gdp_eur_hab": {
        "fr": "PIB par habitant",
        "de": "BIP je Einwohner",
        "es": "PIB por habitante",
        "it": "PIL per abitante",
        "nl": "Bbp per inwoner",
    },
    "gdp_mio_eur": {
        "fr": "PIB",
        "de": "BIP",
        "es": "PIB",
        "it": "PIL",
        "nl": "Bbp",
    },
    "life_expectancy_f": {
        "fr": "Espérance de vie à la naissance, femmes",
        "de": "Lebenserwartung bei der Geburt, Frauen",
        "es": "Esperanza de vida al nacer, mujeres",
        "it": "Speranza di vita alla nascita, donne",
        "nl": "Levensverwachting bij de geboorte, vrouwen",
    },
    "life_expectancy_m": {
        "fr": "Espérance de vie à la naissance, hommes",
        "de": "Lebenserwartung bei der Geburt, Männer",
        "es": "Esperanza de vida al nacer, hombres",
        "it": "Speranza di vita alla nascita, uomini",
        "nl": "Levensverwachting bij de geboorte, mannen",
    },
    "deaths_circulatory_share": {
        "fr": "Décès dus aux maladies de l'appareil circulatoire",
        "de": "Todesfälle durch Kreislauferkrankungen",
        "es": "Defunciones por enfermedades del sistema circulatorio",
        "it": "Decessi per malattie del sistema circolatorio",
        "nl": "Sterfgevallen door hart- en vaatziekten",
    },
    "deaths_cancer_share": {
        "fr": "Décès dus au cancer",
        "de": "Todesfälle durch Krebs",
        "es": "Defunciones por cáncer",
        "it": "Decessi per tumore",
        "nl": "Sterfgevallen door kanker",
    },
    "deaths_respiratory_share": {
        "fr": "Décès dus aux maladies de l'appareil respiratoire",
        "de": "Todesfälle durch Atemwegserkrankungen",
        "es": "Defunciones por enfermedades del sistema respiratorio",
        "it": "Decessi per malattie del sistema respiratorio",
        "nl": "Sterfgevallen door ziekten van de luchtwegen",
    },
    "deaths_other_share": {
        "fr": "Décès dus à d'autres causes",
        "de": "Todesfälle durch andere Ursachen",
        "es": "Defunciones por otras causas",
        "it": "Decessi per altre cause",
        "nl": "Sterfgevallen door andere oorzaken",
    },
    "urban_rural": {
        "fr": "Typologie urbain-rural",
        "de": "Stadt-Land-Typologie",
        "es": "Tipología urbano-rural",
        "it": "Tipologia urbano-rurale",
        "nl": "Stedelijk-landelijke typologie",
    },
    "remoteness": {
        "fr": "Typologie urbain-rural et éloignement",
        "de": "Stadt-Land-Typologie und Abgelegenheit",
        "es": "Tipología urbano-rural y lejanía",
        "it": "Tipologia urbano-rurale e lontananza",
        "nl": "Stedelijk-landelijke typologie en afgelegenheid",
    },
    "remote": {
        "fr": "Région éloignée",
        "de": "Abgelegene Region",
        "es": "Región remota",
        "it": "Regione remota",
        "nl": "Afgelegen regio",
    },
    "metropolitan": {
        "fr": "Région métropolitaine",
        "de": "Metropolregion",
        "es": "Región metropolitana",
        "it": "Regione metropolitana",
        "nl": "Metropoolregio",
    },
    "coastal": {
        "fr": "Région côtière",
        "de": "Küstenregion",
        "es": "Región costera",
        "it": "Regione costiera",
        "nl": "Kustregio",
    },
    "mountain": {
        "fr": "Région de montagne",
        "de": "Bergregion",
        "es": "Región de montaña",
        "it": "Regione montana",
        "nl": "Bergregio",
    },
    "border": {
        "fr": "Région frontalière",
        "de": "Grenzregion",
        "es": "Región fronteriza",
        "it": "Regione di confine",
        "nl": "Grensregio",
    },
    "island": {
        "fr": "Région insulaire",
        "de": "Inselregion",
        "es": "Región insular",
        "it": "Regione insulare",
        "nl": "Eilandregio",
    },
}

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
    return IndicatorSpec(code, code, key.get("unit", ""), dataset, licence_line(dataset), 200)
