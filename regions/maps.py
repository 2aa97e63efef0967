"""Server-rendered SVG maps: the same markup works in a page, without JavaScript, and in a PDF."""

import math
from collections.abc import Callable, Iterable
from html import escape

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regions.geometry import polygons, project_laea
from regions.models import Region, RisGroup
from regions.statistics.numbers import grouped
from saphire.page_cache import REGIONS, counter

DEFAULT_NUTS_VERSION = 2021
WIDTH = 1000
NO_DATA = "#dde2e8"
STROKE = "#ffffff"
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
CATEGORICAL = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
RIS_COLOURS = {
    RisGroup.LEADER: "#08306b",
    RisGroup.STRONG: "#2171b5",
    RisGroup.MODERATE: "#6baed6",
    RisGroup.EMERGING: "#c6dbef",
}
# Scores run 0..100; every map, table and legend of them uses five bands of 20 on one scale.
SCORE_LEGEND = [(colour, f"{band * 20}–{band * 20 + 20}") for band, colour in enumerate(SEQUENTIAL)]


def score_band(value: float) -> int:
    """0 for 0..<20, ..., 4 for 80..100."""
    return min(int(value // 20), len(SEQUENTIAL) - 1)


def score_colour(value: float) -> str:
    return SEQUENTIAL[score_band(value)]


# Regions whose label point is outside this lon/lat box (the outermost regions) are drawn in insets.
_CORE_BOX = (-25.0, 33.5, 46.0, 72.0)
_INSET = 88
_INSET_GAP = 6
# The same words as the page footer's attribution, so the map carries it in the page's language.
ATTRIBUTION = gettext_noop("© EuroGeographics for the administrative boundaries. Source: Eurostat, GISCO.")

Colour = dict[str, str] | Callable[[str | float], str] | None


def region_url(region: Region, prefix: str | None = None) -> str:
    """The profile URL; `prefix` (from `region_url_prefix`) saves a URL resolution per region on big maps."""
    if prefix is None:
        url = reverse("regions:region-detail", kwargs={"code": region.code})
    else:
        url = f"{prefix}{region.code}/"
    if region.nuts_version != DEFAULT_NUTS_VERSION:
        url += f"?version={region.nuts_version}"
    return url


def region_url_prefix() -> str:
    return reverse("regions:region-detail", kwargs={"code": "XX"}).removesuffix("XX/")


def numeric_bins(values: Iterable[float], steps: int = len(SEQUENTIAL)) -> list[float]:
    """Upper bounds of equal-width classes: 0-100 for scores, else from the smallest to the largest value."""
    values = list(values)
    low, high = (0.0, 100.0) if all(0 <= v <= 100 for v in values) else (min(values), max(values))
    if high == low:
        high = low + 1
    width = (high - low) / steps
    return [low + width * (i + 1) for i in range(steps)]


def _fill_for(value, colour: Colour, bins: list[float] | None, categories: dict[str, str]) -> str:
    if value is None:
        return NO_DATA
    if callable(colour):
        return colour(value)
    if isinstance(colour, dict):
        return colour.get(value, NO_DATA)
    if isinstance(value, int | float) and bins:
        for index, bound in enumerate(bins):
            if value <= bound:
                return SEQUENTIAL[index]
        return SEQUENTIAL[-1]
    return categories.get(str(value), NO_DATA)


def _format_number(value: float) -> str:
    return grouped(value, 0 if abs(value) >= 10 or value == int(value) else 1)


def _tenths(value: int) -> str:
    """A length in tenths of a pixel, in the fewest characters SVG reads: 12 -> "1.2", -5 -> "-.5", 30 -> "3"."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _path(rings_xy: list[list[tuple[float, float]]]) -> str:
    """Path data to a tenth of a pixel, in relative moves: short numbers, and no command letter but `m`/`z`.

    Each point is rounded once, absolutely, and the moves are differences of rounded points, so rounding
    never accumulates along a ring. The pen starts each ring where the previous one closed.
    """
    parts = []
    pen_x = pen_y = 0
    for ring in rings_xy:
        if len(ring) < 3:
            continue
        numbers = []
        for x, y in ring:
            tx, ty = round(x * 10), round(y * 10)
            numbers.append((tx - pen_x, ty - pen_y))
            pen_x, pen_y = tx, ty
        pen_x, pen_y = round(ring[0][0] * 10), round(ring[0][1] * 10)  # `z` returns to the ring's start
        text = []
        for dx, dy in numbers:
            for number in (_tenths(dx), _tenths(dy)):
                # A minus sign or a second decimal point already separates two numbers.
                if text and not number.startswith("-") and not (number.startswith(".") and "." in text[-1]):
                    text.append(" ")
                text.append(number)
        parts.append("m" + "".join(text).lstrip() + "z")
    return "".join(parts)


# Projected paths per process: projecting is most of a big map's time, and shapes change only on import.
_PATHS: dict[tuple, str] = {}
_PATHS_MAX = 20_000


def _region_path(region: Region, project, transform, frame: tuple) -> str:
    """`region`'s path data in `frame`, kept while the regions' generation (saphire.page_cache) stays."""
    generation = counter(REGIONS).value()
    key = (generation, region.pk, region.code, region.nuts_version, frame)
    d = _PATHS.get(key) if generation is not None else None
    if d is None:
        d = _path(_project_rings(region.geometry, project, transform))
        if generation is not None:
            if len(_PATHS) >= _PATHS_MAX:
                _PATHS.clear()
            _PATHS[key] = d
    return d


def _project_rings(geometry, project, transform) -> list[list[tuple[float, float]]]:
    """Project and transform every ring, dropping vertices under half a pixel from the last one kept."""
    out = []
    for polygon in polygons(geometry):
        for ring in polygon:
            kept: list[tuple[float, float]] = []
            last_x = last_y = math.inf
            for lon, lat, *_rest in ring:
                x, y = transform(*project(lon, lat))
                if abs(x - last_x) + abs(y - last_y) >= 0.5:
                    kept.append((x, y))
                    last_x, last_y = x, y
            out.append(kept)
    return out


def _swatch(x: float, y: float, fill: str) -> str:
    return f'<rect x="{x}" y="{y}" width="18" height="14" fill="{fill}" stroke="#4a5563" stroke-width="0.5"/>'


def _bbox(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _in_core(region: Region) -> bool:
    point = region.label_point
    if not point:
        return True
    lon, lat = point
    west, south, east, north = _CORE_BOX
    return west <= lon <= east and south <= lat <= north


def _local_projection(lat0: float):
    scale = math.cos(math.radians(lat0))
    return lambda lon, lat: (lon * scale, -lat)


def choropleth_svg(
    *,
    regions: Iterable[Region],
    values: dict[int, str | float],
    legend: list[tuple[str, str]] | None = None,
    title: str,
    link: bool = True,
    colour: Colour = None,
    width: int = WIDTH,
) -> str:
    """An SVG choropleth of `regions` (those with a geometry), filled by `values[region.id]`.

    Values are category keys or numbers. `colour` maps a value to a fill: a dict (category -> colour),
    a callable, or None for the defaults (RIS group colours for RIS keys, a five-class blue scale for
    numbers, a categorical palette for other strings). `legend` is a list of (colour, label) pairs;
    None builds one from the values. Regions without a value are grey. Outermost regions far from the
    European mainland are drawn in small insets. With `link`, each region links to its profile page.
    """
    shapes = [r for r in regions if r.geometry]
    numeric = [v for v in values.values() if isinstance(v, int | float) and not isinstance(v, bool)]
    bins = numeric_bins(numeric) if numeric and colour is None else None
    categories: dict[str, str] = {}
    if colour is None:
        for value in values.values():
            if isinstance(value, str) and value not in categories:
                categories[value] = RIS_COLOURS.get(value) or CATEGORICAL[len(categories) % len(CATEGORICAL)]
    if legend is None:
        if bins:
            low = 0.0 if bins[0] <= 100 and min(numeric) >= 0 and max(numeric) <= 100 else min(numeric)
            bounds = [low, *bins]
            legend = [
                (SEQUENTIAL[i], f"{_format_number(bounds[i])}–{_format_number(bounds[i + 1])}")
                for i in range(len(bins))
            ]
        elif isinstance(colour, dict):
            legend = [(fill, str(key)) for key, fill in colour.items()]
        else:
            legend = [(fill, key) for key, fill in categories.items()]

    core = [r for r in shapes if _in_core(r)]
    outside = [r for r in shapes if not _in_core(r)]

    # Main frame: fit the core regions' projected bounds into the given width.
    projected_bounds = []
    for region in core:
        for polygon in polygons(region.geometry):
            projected_bounds.extend(project_laea(lon, lat) for lon, lat, *_ in polygon[0])
    pad = 10
    if projected_bounds:
        min_x, min_y, max_x, max_y = _bbox(projected_bounds)
    else:
        min_x, min_y, max_x, max_y = 0.0, 0.0, 1.0, 1.0
    scale = (width - 2 * pad) / max(max_x - min_x, 1e-9)
    map_height = (max_y - min_y) * scale + 2 * pad

    def main_transform(x, y):
        return (x - min_x) * scale + pad, (y - min_y) * scale + pad

    legend_rows = len(legend)
    legend_height = 22 * (legend_rows + 1) + 34 if legend_rows else 0
    map_bottom = int(math.ceil(max(map_height, 200)))
    # Insets sit in a band under the map, so they never hide part of it.
    per_row = max(1, int((width - 2 * pad + _INSET_GAP) // (_INSET + _INSET_GAP)))
    inset_rows = math.ceil(len(outside) / per_row) if outside else 0
    inset_band = inset_rows * (_INSET + _INSET_GAP) + (_INSET_GAP if inset_rows else 0)
    height = map_bottom + inset_band + legend_height + 26

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="choropleth" viewBox="0 0 {width} {height}" '
        # With links inside, role="img" would hide them from assistive technology (axe: nested-interactive).
        f'role="{"group" if link else "img"}" aria-labelledby="map-title" font-family="system-ui, sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect x="0" y="0" width="{width}" height="{int(math.ceil(map_height))}" fill="#f4f8fb"/>',
        '<g class="regions" stroke="' + STROKE + '" stroke-width="0.6" stroke-linejoin="round">',
    ]

    # Regions are grouped by fill, so each colour is written once per map, not once per region.
    by_fill: dict[str, list[str]] = {}

    def draw(region: Region, d: str, target: list[str] | None = None) -> None:
        if not d:
            return
        value = values.get(region.id)
        fill = _fill_for(value, colour, bins, categories)
        if value is None:
            value_text = _("no data")
        elif isinstance(value, float):
            value_text = _format_number(value)
        else:
            value_text = dict(legend_labels).get(fill, str(value)) if isinstance(value, str) else str(value)
        label = escape(f"{region.code} {region.name}: {value_text}")
        painted = "" if target is None else f' fill="{fill}"'
        shape = f'<path d="{d}"{painted} data-code="{escape(region.code)}"><title>{label}</title></path>'
        if target is None:
            target = by_fill.setdefault(fill, [])
        # The label names the link and shows on hover; regions.css and regions-map.js show the focused one.
        target.append(
            f'<a href="{escape(region_url(region, url_prefix))}" aria-label="{label}">{shape}</a>' if link else shape
        )

    legend_labels = [(fill, text) for fill, text in legend]
    url_prefix = region_url_prefix() if link else None
    for region in core:
        draw(region, _region_path(region, project_laea, main_transform, ("main", min_x, min_y, scale, pad)))
    for fill, shapes_of_fill in by_fill.items():
        out.append(f'<g fill="{fill}">{"".join(shapes_of_fill)}</g>')
    out.append("</g>")

    # Insets for regions far from the mainland, in rows under the map.
    if outside:
        out.append('<g class="insets" stroke="' + STROKE + '" stroke-width="0.5">')
        for index, region in enumerate(sorted(outside, key=lambda r: r.code)):
            row, column = divmod(index, per_row)
            box_x = pad + column * (_INSET + _INSET_GAP)
            box_y = map_bottom + _INSET_GAP + row * (_INSET + _INSET_GAP)
            lon0, lat0 = region.label_point
            local = _local_projection(lat0)
            points = [local(lon, lat) for polygon in polygons(region.geometry) for lon, lat, *_ in polygon[0]]
            bx0, by0, bx1, by1 = _bbox(points)
            inner = _INSET - 14
            inset_scale = inner / max(bx1 - bx0, by1 - by0, 1e-9)
            off_x = box_x + 4 + (inner - (bx1 - bx0) * inset_scale) / 2
            off_y = box_y + 12 + (inner - (by1 - by0) * inset_scale) / 2

            def inset_transform(x, y, bx0=bx0, by0=by0, s=inset_scale, ox=off_x, oy=off_y):
                return (x - bx0) * s + ox, (y - by0) * s + oy

            out.append(
                f'<rect x="{box_x:.1f}" y="{box_y:.1f}" width="{_INSET}" height="{_INSET}" '
                f'fill="#f4f8fb" stroke="#8a96a3"/>'
                f'<text x="{box_x + 3:.1f}" y="{box_y + 10:.1f}" font-size="9" fill="#1d232b" stroke="none">'
                f"{escape(region.code)}</text>"
            )
            draw(region, _region_path(region, local, inset_transform, ("inset", box_x, box_y, _INSET)), out)
        out.append("</g>")

    y = map_bottom + inset_band + 18
    if legend:
        out.append(f'<g class="legend" font-size="14" fill="#1d232b"><text x="{pad}" y="{y}" font-weight="600">')
        out.append(f"{escape(title)}</text>")
        for index, (fill, text) in enumerate(legend):
            row_y = y + 12 + index * 22
            out.append(_swatch(pad, row_y, fill) + f'<text x="{pad + 26}" y="{row_y + 12}">{escape(str(text))}</text>')
        row_y = y + 12 + len(legend) * 22
        out.append(
            _swatch(pad, row_y, NO_DATA) + f'<text x="{pad + 26}" y="{row_y + 12}">{escape(_("No data"))}</text></g>'
        )
    out.append(
        f'<text class="attribution" x="{width - pad}" y="{height - 8}" text-anchor="end" font-size="12" '
        f'fill="#4a5563">{escape(_(ATTRIBUTION))}</text>'
    )
    out.append("</svg>")
    return "".join(out)
