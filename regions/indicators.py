"""The indicators the map of Europe can show, each turning regions into values, colours and a legend."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions import selectors
from regions.maps import RIS_COLOURS
from regions.models import Indicator, Region, RisGroup, UrbanRural
from regions.statistics.maps import STAT_PREFIX, StatisticMap, statistic_map
from saphire.scores import score_text

INDICATORS = [
    ("innovation_group", gettext_lazy("Innovation group (Regional Innovation Scoreboard)")),
    ("urban_rural", gettext_lazy("Urban–rural typology")),
    ("island", gettext_lazy("Islands")),
    ("outermost", gettext_lazy("Outermost regions")),
    ("nspa", gettext_lazy("Northern sparsely populated")),
    ("mountain", gettext_lazy("Mountain regions")),
    ("coastal", gettext_lazy("Coastal regions")),
    ("organisations", gettext_lazy("Number of organisations")),
]
FLAG_FIELDS = {
    "island": "is_island",
    "outermost": "is_outermost",
    "nspa": "is_nspa",
    "mountain": "mountain",
    "coastal": "coastal",
}
URBAN_RURAL_COLOURS = {UrbanRural.URBAN: "#7b3294", UrbanRural.INTERMEDIATE: "#c2a5cf", UrbanRural.RURAL: "#5aae61"}
FLAG_COLOUR = "#1b7a70"
ORG_CLASSES = [(1, "#c6dbef", "1"), (5, "#6baed6", "2–5"), (20, "#2171b5", "6–20"), (None, "#08306b", "21+")]


@dataclass
class MapData:
    values: dict[int, str | float]
    colour: dict | object
    legend: list[tuple[str, str]]
    labels: dict[int, str]


def _org_colour(value: float) -> str:
    for bound, colour, _label in ORG_CLASSES:
        if bound is None or value <= bound:
            return colour
    return ORG_CLASSES[-1][1]


SCORE_PREFIX = "score:"
SCORE_LEGEND = [
    ("#eff3ff", "0–20"),
    ("#bdd7e7", "20–40"),
    ("#6baed6", "40–60"),
    ("#3182bd", "60–80"),
    ("#08519c", "80–100"),
]


def indicator_choices() -> list[tuple[str, str]]:
    """The fixed indicators, then one mapping score per active theme of the barrier taxonomy."""
    from mapping.models import Theme

    themes = Theme.objects.filter(is_active=True).order_by("order", "code")
    scores = [(f"{SCORE_PREFIX}{t.code}", _("Mapping score: %(theme)s") % {"theme": t.name}) for t in themes]
    statistics = [
        (f"{STAT_PREFIX}{code}", _("%(label)s (Eurostat)") % {"label": label})
        for code, label in Indicator.objects.values_list("code", "label")
    ]
    return [*statistics, *INDICATORS, *scores]


def _score_colour(value: float) -> str:
    return SCORE_LEGEND[min(int(value // 20), len(SCORE_LEGEND) - 1)][0]


def map_data(
    *, indicator: str, regions: list[Region], level: int, version: int, year: int | None = None
) -> MapData | StatisticMap:
    """Values keyed by region id, with the colours and legend to draw them and a text per region."""
    if indicator.startswith(STAT_PREFIX):
        statistic = Indicator.objects.get(code=indicator.removeprefix(STAT_PREFIX))
        return statistic_map(indicator=statistic, regions=regions, level=level, version=version, year=year)
    if indicator.startswith(SCORE_PREFIX):
        from mapping.analytics import region_theme_scores

        code = indicator.removeprefix(SCORE_PREFIX)
        scores = region_theme_scores(region_ids=[r.id for r in regions])
        values = {rid: float(by_theme[code]) for rid, by_theme in scores.items() if code in by_theme}
        return MapData(values, _score_colour, SCORE_LEGEND, {k: score_text(v) for k, v in values.items()})
    if indicator == "organisations":
        counts = selectors.organisation_counts(level=level, version=version)
        values = {r.id: float(counts[r.id]) for r in regions if counts.get(r.id)}
        legend = [(colour, label) for _bound, colour, label in ORG_CLASSES]
        return MapData(values, _org_colour, legend, {k: str(int(v)) for k, v in values.items()})
    if indicator == "urban_rural":
        values = {r.id: r.urban_rural for r in regions if r.urban_rural}
        labels = dict(UrbanRural.choices)
        legend = [(URBAN_RURAL_COLOURS[key], str(label)) for key, label in UrbanRural.choices]
        return MapData(values, URBAN_RURAL_COLOURS, legend, {k: str(labels[v]) for k, v in values.items()})
    if indicator in FLAG_FIELDS:
        field = FLAG_FIELDS[indicator]
        values = {r.id: "yes" for r in regions if getattr(r, field)}
        label = str(dict(INDICATORS)[indicator])
        return MapData(values, {"yes": FLAG_COLOUR}, [(FLAG_COLOUR, label)], {k: _("yes") for k in values})
    values = {r.id: r.ris_group for r in regions if r.ris_group}
    labels = {r.id: r.ris_label for r in regions if r.ris_group}
    legend = [(RIS_COLOURS[key], str(label)) for key, label in RisGroup.choices]
    return MapData(values, dict(RIS_COLOURS), legend, labels)
