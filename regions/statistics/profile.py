"""The statistics of one region's profile: latest values with year and source, trends, typologies.

A code that exists in NUTS 2021 and NUTS 2024 shows its latest value whichever coding it came in, but only
where both codings cover the same territory: no correspondence table is shipped, so the two codings' total
areas (reg_area3) are compared with a small tolerance. Where they differ, the page says so.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from regions.models import Indicator, IndicatorValue, Region
from regions.statistics.numbers import grouped

VERSIONS = (2021, 2024)
# Relative difference of total area under which two codings of one code count as the same territory:
# FI1D is 227,120 km² in NUTS 2021 and 227,119 km² in NUTS 2024 (rounding); real boundary changes are larger.
AREA_TOLERANCE = 0.002
FLAG_LABELS = {
    "p": gettext_lazy("provisional"),
    "e": gettext_lazy("estimated"),
    "b": gettext_lazy("break in time series"),
    "d": gettext_lazy("definition differs"),
    "u": gettext_lazy("low reliability"),
    "c": gettext_lazy("confidential"),
    "m": gettext_lazy("missing"),
    "z": gettext_lazy("not applicable"),
}
# Shown as "4 of 7 NUTS-3 regions are remote" on profiles above NUTS 3.
AGGREGATE_PHRASES = {
    "remote": lambda yes, total: ngettext(
        "%(yes)s of %(total)s NUTS-3 region is remote", "%(yes)s of %(total)s NUTS-3 regions are remote", total
    ),
    "coastal": lambda yes, total: ngettext(
        "%(yes)s of %(total)s NUTS-3 region is coastal", "%(yes)s of %(total)s NUTS-3 regions are coastal", total
    ),
    "mountain": lambda yes, total: ngettext(
        "%(yes)s of %(total)s NUTS-3 region is a mountain region",
        "%(yes)s of %(total)s NUTS-3 regions are mountain regions",
        total,
    ),
    "island": lambda yes, total: ngettext(
        "%(yes)s of %(total)s NUTS-3 region is an island region",
        "%(yes)s of %(total)s NUTS-3 regions are island regions",
        total,
    ),
    "border": lambda yes, total: ngettext(
        "%(yes)s of %(total)s NUTS-3 region is a border region",
        "%(yes)s of %(total)s NUTS-3 regions are border regions",
        total,
    ),
    "metropolitan": lambda yes, total: ngettext(
        "%(yes)s of %(total)s NUTS-3 region is in a metropolitan region",
        "%(yes)s of %(total)s NUTS-3 regions are in a metropolitan region",
        total,
    ),
}
TYPOLOGY_DATASET_VERSION = 2021
# NUTS codes are upper-case letters and digits, and digits sort before letters in every collation.
CODE_CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Fact:
    indicator: Indicator
    year: int | None
    value: float | None
    category: str
    flags: str
    nuts_version: int
    series: list[tuple[int, float, str]] = field(default_factory=list)

    @property
    def category_label(self) -> str:
        label = self.indicator.categories.get(self.category, self.category)
        return _(label) if label else ""

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS.get(flag, flag)) for flag in self.flags]

    @property
    def is_yes(self) -> bool:
        return self.category in self.indicator.yes_codes


@dataclass(frozen=True, slots=True)
class Value:
    """One stored value with its indicator: read as plain columns, since a profile reads a hundred of them."""

    indicator: Indicator
    nuts_version: int
    year: int | None
    value: float | None
    category: str
    flags: str


VALUE_COLUMNS = ("indicator_id", "nuts_version", "year", "value", "category", "flags")


@dataclass
class Aggregate:
    indicator: Indicator
    text: str


@dataclass
class RegionStatistics:
    facts: dict[str, Fact]
    typologies: list[Fact]
    aggregates: list[Aggregate]
    breakdowns: list[tuple[Indicator, list[tuple[str, int]]]]
    notes: list[str]

    def get(self, code: str) -> Fact | None:
        return self.facts.get(code)

    @property
    def typology_source(self) -> Indicator | None:
        """The typologies share one source: its line is shown once under them."""
        for item in [*self.typologies, *self.aggregates]:
            return item.indicator
        return None


def latest_area(values: list[Value], version: int) -> float | None:
    areas = [v for v in values if v.indicator.code == "area" and v.nuts_version == version and v.year]
    return max(areas, key=lambda v: v.year).value if areas else None


def same_territory(area_a: float | None, area_b: float | None) -> bool | None:
    if not area_a or not area_b:
        return None
    return abs(area_a - area_b) <= AREA_TOLERANCE * max(area_a, area_b)


def _version_notes(code: str, own: int, other: int, areas: dict[int, float | None], same: bool | None) -> list[str]:
    own_area, other_area = areas[own], areas[other]
    args = {"code": code, "own": own, "other": other}
    if same:
        return [
            _(
                "%(code)s covers the same territory in NUTS %(own)s and NUTS %(other)s (%(own_area)s and "
                "%(other_area)s km²), so the latest figure is shown whichever coding it was published in."
            )
            % {**args, "other_area": grouped(other_area), "own_area": grouped(own_area)}
        ]
    if same is False:
        return [
            _(
                "%(code)s covers a different territory in NUTS %(other)s (%(other_area)s km² against %(own_area)s "
                "km²): figures coded in NUTS %(other)s are not shown here."
            )
            % {**args, "other_area": grouped(other_area), "own_area": grouped(own_area)}
        ]
    if own_area and not other_area:
        if own > other:
            return [
                _("%(code)s is new in NUTS %(own)s: earlier figures were published under NUTS %(other)s codes.") % args
            ]
        return [_("NUTS %(other)s replaced %(code)s: later figures are published under the new codes.") % args]
    return []


def _facts(values: list[Value], own: int) -> dict[str, Fact]:
    by_indicator: dict[str, dict[int | None, Value]] = defaultdict(dict)
    for value in values:
        years = by_indicator[value.indicator.code]
        present = years.get(value.year)
        # The same year in both codings: the region's own coding wins.
        if present is None or value.nuts_version == own:
            years[value.year] = value
    facts = {}
    for code, years in by_indicator.items():
        latest = years[max(years, key=lambda y: -1 if y is None else y)]
        series = sorted((y, v.value, v.flags) for y, v in years.items() if y is not None and v.value is not None)
        facts[code] = Fact(
            latest.indicator, latest.year, latest.value, latest.category, latest.flags, latest.nuts_version, series
        )
    return facts


def _aggregates(indicators: dict[int, Indicator], rows: list[tuple[int, str]]) -> tuple[list[Aggregate], list]:
    """What the NUTS-3 typology values `rows` (indicator id, category) say together."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for indicator_id, category in rows:
        counts[indicator_id][category] += 1
    shown = sorted(counts, key=lambda pk: (indicators[pk].order, indicators[pk].code))
    aggregates, breakdowns = [], []
    for pk in shown:
        indicator = indicators[pk]
        by_category = counts[pk]
        total = sum(by_category.values())
        if indicator.code in AGGREGATE_PHRASES:
            yes = sum(n for category, n in by_category.items() if category in indicator.yes_codes)
            text = AGGREGATE_PHRASES[indicator.code](yes, total) % {"yes": yes, "total": total}
            aggregates.append(Aggregate(indicator, text))
        elif indicator.code == "urban_rural":
            labels = [
                (_(indicator.categories.get(c, c)), by_category[c]) for c in indicator.categories if by_category[c]
            ]
            breakdowns.append((indicator, labels))
    return aggregates, breakdowns


def codes_below(code: str) -> Q:
    """Region codes that start with `code`, as a range an index can serve: a b-tree index answers
    LIKE 'AT13%' only in the C collation, so the prefix test alone reads every NUTS-3 value."""
    below = Q(region_code__startswith=code)
    if not code or any(character not in CODE_CHARACTERS for character in code):
        return below
    stem = code
    while stem and stem[-1] == CODE_CHARACTERS[-1]:
        stem = stem[:-1]
    if stem:
        below &= Q(region_code__lt=stem[:-1] + CODE_CHARACTERS[CODE_CHARACTERS.index(stem[-1]) + 1])
    return below & Q(region_code__gte=code)


def region_statistics(*, region: Region) -> RegionStatistics:
    """Two queries whatever the region: the indicators, then its own values in every coding together with
    its NUTS-3 typologies."""
    indicators = Indicator.objects.in_bulk()
    wanted = Q(region_code=region.code)
    typology_ids = [pk for pk, indicator in indicators.items() if indicator.kind == Indicator.Kind.CATEGORY]
    if region.level < 3 and typology_ids:
        wanted |= Q(
            level=3,
            nuts_version=TYPOLOGY_DATASET_VERSION,
            indicator_id__in=typology_ids,
        ) & codes_below(region.code)
    values, below = [], []
    for code, pk, *columns in (
        IndicatorValue.objects.filter(wanted).order_by().values_list("region_code", *VALUE_COLUMNS)
    ):
        if code == region.code:
            values.append(Value(indicators[pk], *columns))
        else:
            below.append((pk, columns[3]))
    own = region.nuts_version
    other = next((v for v in VERSIONS if v != own), None)
    notes: list[str] = []
    if other is not None and own in VERSIONS:
        areas = {own: latest_area(values, own), other: latest_area(values, other)}
        same = same_territory(areas[own], areas[other])
        notes = _version_notes(region.code, own, other, areas, same)
        kept = [v for v in values if v.nuts_version == own or (same and v.nuts_version == other)]
    else:
        same = None
        kept = [v for v in values if v.nuts_version == own]
    facts = _facts(kept, own)
    typologies = sorted(
        (f for f in facts.values() if f.indicator.kind == Indicator.Kind.CATEGORY), key=lambda f: f.indicator.order
    )
    aggregates, breakdowns = [], []
    if region.level < 3 and (own == TYPOLOGY_DATASET_VERSION or same):
        aggregates, breakdowns = _aggregates(indicators, below)
    return RegionStatistics(facts, typologies, aggregates, breakdowns, notes)
