"""The map printed in a report: the page map's picture with a fraction of its elements and vertices.

WeasyPrint parses, styles and draws each element and each vertex of an inline SVG, so the page map
(a link, a title and a path per region, outlines to a tenth of a pixel) was a quarter of a report's
PDF time. Printed about 17 cm wide, a unit of the 700-unit map is a quarter of a millimetre: the
print map keeps whole units, outlines simplified to a unit and one path per colour. The frame is the
page map's (same projection, insets and legend), so both show the same picture.
"""

import math
from dataclasses import dataclass
from html import escape

from regions.geometry import polygons, project_laea, simplify_line
from regions.maps import _INSET, _INSET_GAP, NO_DATA, STROKE, _bbox, _in_core, _local_projection
from regions.models import Region
from saphire.page_cache import REGIONS, counter

# Outlines are simplified to this many units (a quarter of a millimetre on an A4 page).
TOLERANCE = 1.0
PAD = 10


@dataclass(frozen=True)
class Shapes:
    """Every region's outline in one frame, as path data that can be joined into one path per colour."""

    width: int
    map_height: int
    map_bottom: int
    paths: dict[int, str]  # region id -> path data, starting with an absolute move
    insets: list[tuple[str, int, int]]  # (code, x, y) of each inset's box, under the map
    inset_band: int


# Shapes per process and regions' generation (saphire.page_cache): they change only on import.
_SHAPES: dict[tuple, Shapes] = {}


def _ring_path(points: list[tuple[int, int]], start: tuple[int, int] | None) -> str:
    """A closed ring in relative moves from `start` (absolute when None), without repeated points."""
    x0, y0 = points[0]
    head = f"M{x0} {y0}" if start is None else f"m{x0 - start[0]} {y0 - start[1]}"
    steps = []
    px, py = x0, y0
    for x, y in points[1:]:
        steps.append(f"{x - px} {y - py}")
        px, py = x, y
    return f"{head}l{' '.join(steps)}z".replace(" -", "-")


def _whole(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """`ring` simplified to TOLERANCE and rounded to whole units; [] when fewer than three points are left."""
    points: list[tuple[int, int]] = []
    for x, y in simplify_line(ring, TOLERANCE):
        point = (round(x), round(y))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points if len(points) >= 3 else []


def _region_path(rings: list[list[tuple[float, float]]]) -> str:
    kept = [points for points in map(_whole, rings) if points]
    if not kept and rings:
        # A region smaller than a few units still shows, as its largest ring's bounding box.
        x0, y0, x1, y1 = _bbox(max(rings, key=lambda r: len(r)))
        left, top = math.floor(x0), math.floor(y0)
        right, bottom = max(math.ceil(x1), left + 1), max(math.ceil(y1), top + 1)
        kept = [[(left, top), (right, top), (right, bottom), (left, bottom)]]
    parts, start = [], None
    for points in kept:
        parts.append(_ring_path(points, start))
        start = points[0]
    return "".join(parts)


def _project(geometry, project, transform) -> list[list[tuple[float, float]]]:
    return [
        [transform(*project(lon, lat)) for lon, lat, *_rest in ring]
        for polygon in polygons(geometry)
        for ring in polygon
    ]


def _draw_shapes(regions: list[Region], width: int) -> Shapes:
    core = [r for r in regions if _in_core(r)]
    outside = sorted((r for r in regions if not _in_core(r)), key=lambda r: r.code)
    bounds = [project_laea(lon, lat) for r in core for polygon in polygons(r.geometry) for lon, lat, *_ in polygon[0]]
    min_x, min_y, max_x, max_y = _bbox(bounds) if bounds else (0.0, 0.0, 1.0, 1.0)
    scale = (width - 2 * PAD) / max(max_x - min_x, 1e-9)
    map_height = (max_y - min_y) * scale + 2 * PAD

    def main(x, y):
        return (x - min_x) * scale + PAD, (y - min_y) * scale + PAD

    paths = {r.pk: _region_path(_project(r.geometry, project_laea, main)) for r in core}
    map_bottom = int(math.ceil(max(map_height, 200)))
    per_row = max(1, int((width - 2 * PAD + _INSET_GAP) // (_INSET + _INSET_GAP)))
    insets = []
    for index, region in enumerate(outside):
        row, column = divmod(index, per_row)
        box_x = PAD + column * (_INSET + _INSET_GAP)
        box_y = map_bottom + _INSET_GAP + row * (_INSET + _INSET_GAP)
        local = _local_projection(region.label_point[1])
        bx0, by0, bx1, by1 = _bbox(
            local(lon, lat) for polygon in polygons(region.geometry) for lon, lat, *_ in polygon[0]
        )
        inner = _INSET - 14
        inset_scale = inner / max(bx1 - bx0, by1 - by0, 1e-9)
        off_x = box_x + 4 + (inner - (bx1 - bx0) * inset_scale) / 2
        off_y = box_y + 12 + (inner - (by1 - by0) * inset_scale) / 2

        def inset(x, y, bx0=bx0, by0=by0, s=inset_scale, ox=off_x, oy=off_y):
            return (x - bx0) * s + ox, (y - by0) * s + oy

        paths[region.pk] = _region_path(_project(region.geometry, local, inset))
        insets.append((region.code, box_x, box_y))
    rows = math.ceil(len(outside) / per_row) if outside else 0
    band = rows * (_INSET + _INSET_GAP) + (_INSET_GAP if rows else 0)
    return Shapes(width, int(math.ceil(map_height)), map_bottom, paths, insets, band)


def print_shapes(*, level: int, version: int, width: int) -> Shapes | None:
    """The outlines of every region of `level` and `version` that has one; None when none has.

    Kept per process while the regions' generation and the set of regions stay the same, as the page
    map's paths are: reading the ids is one small query, reading and simplifying every outline is not.
    """
    regions = Region.objects.filter(level=level, nuts_version=version, geometry__isnull=False)
    generation = counter(REGIONS).value()
    key = (generation, level, version, width, tuple(regions.order_by("pk").values_list("pk", flat=True)))
    if generation is not None and key in _SHAPES:
        return _SHAPES[key]
    shapes = [r for r in regions.only("pk", "code", "geometry", "label_point") if r.geometry]
    drawn = _draw_shapes(shapes, width) if shapes else None
    if generation is not None:
        _SHAPES.clear()  # one map frame at a time: reports of every region share it
        _SHAPES[key] = drawn
    return drawn


def print_map_svg(*, level: int, version: int, fills: dict[int, str], title: str, width: int = 700) -> str:
    """The map of `level` and `version` with region id -> colour `fills` (others grey), or "" without shapes.

    The legend and the attribution are left to the page, as text: WeasyPrint draws SVG text a letter at a time.
    """
    shapes = print_shapes(level=level, version=version, width=width)
    if shapes is None:
        return ""
    by_fill: dict[str, list[str]] = {}
    for pk, d in shapes.paths.items():
        if d:
            by_fill.setdefault(fills.get(pk, NO_DATA), []).append(d)
    # The grey regions first, so the coloured ones and their outlines are drawn over them.
    order = sorted(by_fill, key=lambda fill: fill != NO_DATA)
    height = shapes.map_bottom + shapes.inset_band
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="choropleth" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="map-title" font-family="DejaVu Sans, sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect width="{width}" height="{shapes.map_height}" fill="#f4f8fb"/>',
    ]
    if shapes.insets:
        boxes = "".join(f"M{x} {y}h{_INSET}v{_INSET}h-{_INSET}z" for _code, x, y in shapes.insets)
        out.append(f'<path d="{boxes}" fill="#f4f8fb" stroke="#8a96a3" stroke-width=".5"/>')
        out.append('<g font-size="9" fill="#1d232b">')
        out.extend(f'<text x="{x + 3}" y="{y + 10}">{escape(code)}</text>' for code, x, y in shapes.insets)
        out.append("</g>")
    out.append(f'<g stroke="{STROKE}" stroke-width="0.6" stroke-linejoin="round">')
    out.extend(f'<path d="{"".join(by_fill[fill])}" fill="{fill}"/>' for fill in order)
    out.append("</g></svg>")
    return "".join(out)
