"""The map of Europe as a cached artefact: one per (indicator, level, NUTS version, year, language, data).

Drawing a map is most of the map page's time (hundreds of shapes, a legend, a table of every region),
and the same drawing serves every visitor, the page, its PDF and reports alike. `map_artefact()` keeps
it in the page cache's Redis under a key made of what it shows and the generation of the kinds of data
it is drawn from (saphire.page_cache), so an import or an accepted answer redraws it and nothing else
does. Keys only come from indicators, levels, versions and years that exist, so they stay few.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from regions import selectors
from regions.indicators import map_data
from regions.maps import choropleth_svg, region_url, region_url_prefix
from saphire import plugins
from saphire.page_cache import ORGANISATIONS, REGIONS, cached_fragment

SECONDS = 24 * 3600


@dataclass
class MapArtefact:
    indicator: str
    level: int
    version: int
    title: str
    svg: str  # empty when no region of this level has a shape
    table: str  # the table rows of every region with its value, as HTML
    count: int
    legend: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""
    year_text: str = ""
    message: str = ""
    years: list[int] = field(default_factory=list)
    year: int | None = None


def data_kinds(indicator: str) -> tuple[str, ...]:
    """The kinds of content (saphire.page_cache) that change what `indicator` shows."""
    for source in plugins.map_indicators:
        if indicator.startswith(source.prefix):
            return (REGIONS, *source.depends_on)
    if indicator == "organisations":
        return (REGIONS, ORGANISATIONS)
    return (REGIONS,)


def _draw(*, indicator: str, title: str, level: int, version: int, year: int | None, link: bool) -> MapArtefact:
    regions = list(selectors.map_regions(level=level, version=version))
    data = map_data(indicator=indicator, regions=regions, level=level, version=version, year=year)
    svg = choropleth_svg(
        regions=regions, values=data.values, legend=data.legend, title=title, colour=data.colour, link=link
    )
    prefix = region_url_prefix()
    rows = [(region_url(region, prefix), region, data.labels.get(region.id, "")) for region in regions]
    legend = [(colour, str(label)) for colour, label in data.legend]
    return MapArtefact(
        indicator=indicator, level=level, version=version, title=title, svg=svg if regions else "",
        table=render_to_string("regions/_map_rows.html", {"rows": rows}), count=len(rows), legend=legend,
        source=getattr(data, "source", ""), year_text=getattr(data, "year_text", ""),
        message=getattr(data, "message", ""), years=getattr(data, "years", []), year=getattr(data, "year", None),
    )  # fmt: skip


def map_artefact(
    *, indicator: str, title: str, level: int, version: int, year: int | None = None, link: bool = True
) -> MapArtefact:
    """The map of a valid `indicator` (one of `indicator_choices()`), from the cache or drawn and kept.

    `year` is kept only when the indicator has values in it, so made-up years never make keys. With
    `link=False` the regions are not links (a PDF). With the cache down (or PAGE_CACHE off, to measure
    drawing) the map is drawn every time.
    """
    latest = _cached(indicator, title, level, version, None, link)
    if year is None or year == latest.year or year not in latest.years:
        return latest
    return _cached(indicator, title, level, version, year, link)


def _cached(indicator, title, level, version, year, link) -> MapArtefact:
    return cached_fragment(
        "map", indicator, level, version, year or "latest", int(link),
        depends_on=data_kinds(indicator), seconds=SECONDS,
        compute=lambda: _draw(indicator=indicator, title=title, level=level, version=version, year=year, link=link),
    )  # fmt: skip
