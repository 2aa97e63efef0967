"""Map classes for imported indicators: quantile classes for numbers, yes/no and categories for typologies."""

import bisect
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from regions.models import Indicator, IndicatorValue, Region
from regions.statistics.numbers import grouped

STAT_PREFIX = "stat:"
# Sequential, dark enough that the lowest class has at least 3:1 contrast against the sea (#f4f8fb) and
# the "no data" grey (#dde2e8); hue and lightness both change from class to class.
PALETTE = ["#238a8d", "#2c718e", "#3b528b", "#472d7b", "#440154"]
YES_COLOUR = "#1b7a70"
# A "no" is a recorded answer, so it is a colour of its own, never the grey of "no data".
NO_COLOUR = "#e8c872"
CATEGORY_COLOURS = ["#7b3294", "#c2a5cf", "#5aae61", "#1b7837", "#e08214", "#b35806", "#8073ac"]


def quantile_breaks(values: list[float], classes: int = len(PALETTE)) -> list[float]:
    """Upper limits of up to `classes` classes holding about as many values each; the last is the maximum."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks = []
    for index in range(1, classes + 1):
        limit = ordered[min(len(ordered) - 1, round(index * len(ordered) / classes) - 1)]
        if not breaks or limit > breaks[-1]:
            breaks.append(limit)
    return breaks


def format_value(value: float, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return grouped(value, decimals)


@dataclass
class StatisticMap:
    values: dict[int, str | float]
    colour: object
    legend: list[tuple[str, str]]
    labels: dict[int, str]
    source: str = ""
    year_text: str = ""
    message: str = ""
    unit: str = ""
    years: list[int] = field(default_factory=list)
    year: int | None = None
    flags: dict[int, str] = field(default_factory=dict)


def _numeric(indicator: Indicator, by_code: dict, regions: list[Region]) -> tuple:
    values = {r.id: by_code[r.code][0] for r in regions if r.code in by_code and by_code[r.code][0] is not None}
    breaks = quantile_breaks(list(values.values()))
    decimals = 0 if all(float(v).is_integer() for v in values.values()) else 1

    def colour(value: float) -> str:
        return PALETTE[min(bisect.bisect_left(breaks, value), len(breaks) - 1)]

    low = min(values.values()) if values else 0
    legend = []
    for index, limit in enumerate(breaks):
        lower = low if index == 0 else breaks[index - 1]
        sign = "" if index == 0 else "> "
        legend.append((PALETTE[index], f"{sign}{format_value(lower, decimals)} – {format_value(limit, decimals)}"))
    unit = _(indicator.unit) if indicator.unit else ""
    labels = {pk: f"{format_value(v, decimals)} {unit}".strip() for pk, v in values.items()}
    return values, colour, legend, labels


def _categories(indicator: Indicator, by_code: dict, regions: list[Region]) -> tuple:
    if indicator.yes_codes:
        yes_label = next((indicator.categories[c] for c in indicator.yes_codes if c in indicator.categories), "yes")
        no_label = next(
            (label for code, label in indicator.categories.items() if code not in indicator.yes_codes), "no"
        )
        values = {
            r.id: "yes" if by_code[r.code][1] in indicator.yes_codes else "no" for r in regions if r.code in by_code
        }
        labels = {pk: _(yes_label) if v == "yes" else _(no_label) for pk, v in values.items()}
        return (
            values,
            {"yes": YES_COLOUR, "no": NO_COLOUR},
            [(YES_COLOUR, _(yes_label)), (NO_COLOUR, _(no_label))],
            labels,
        )
    colours = {code: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, code in enumerate(indicator.categories)}
    values = {r.id: by_code[r.code][1] for r in regions if r.code in by_code}
    labels = {pk: _(indicator.categories.get(v, v)) for pk, v in values.items()}
    legend = [(colours[code], _(label)) for code, label in indicator.categories.items()]
    return values, colours, legend, labels


def statistic_map(
    *, indicator: Indicator, regions: list[Region], level: int, version: int, year: int | None = None
) -> StatisticMap:
    """One year's values (the latest by default) of one coding and level: two queries."""
    rows = IndicatorValue.objects.filter(indicator=indicator, level=level, nuts_version=version)
    years = sorted(y for y in rows.order_by().values_list("year", flat=True).distinct() if y is not None)
    chosen = (year if year in years else years[-1]) if years else None
    if years:
        rows = rows.filter(year=chosen)
    by_code = {code: (value, category, flags) for code, value, category, flags in rows.values_list(
        "region_code", "value", "category", "flags")}  # fmt: skip
    if indicator.kind == Indicator.Kind.CATEGORY:
        values, colour, legend, labels = _categories(indicator, by_code, regions)
    else:
        values, colour, legend, labels = _numeric(indicator, by_code, regions)
    flags = {r.id: by_code[r.code][2] for r in regions if r.code in by_code and by_code[r.code][2]}
    for pk, flag in flags.items():
        if pk in labels:
            labels[pk] = f"{labels[pk]} ({flag})"
    message = ""
    if not by_code:
        message = _(
            "%(indicator)s has no value at NUTS level %(level)s in the NUTS %(version)s coding. "
            "Levels with values: %(levels)s."
        ) % {
            "indicator": indicator.label, "level": level, "version": version,
            "levels": ", ".join(map(str, indicator.levels)) or "—",
        }  # fmt: skip
    year_text = str(chosen) if chosen else indicator.year_note
    unit = _(indicator.unit) if indicator.unit else ""
    return StatisticMap(
        values, colour, legend, labels, indicator.licence, year_text, message, unit, years, chosen, flags
    )
