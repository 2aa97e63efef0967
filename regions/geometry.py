"""Plain-Python geometry for NUTS shapes: simplification, label points, projection.

Geometries are GeoJSON dicts in lon/lat (EPSG:4326).
"""

import math

Ring = list[list[float]]


def polygons(geometry: dict | None) -> list[list[Ring]]:
    """The polygons of a Polygon or MultiPolygon, each a list of rings (outer first)."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _perpendicular_distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify_line(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings of thousands of points would overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        max_distance, index = 0.0, first
        for i in range(first + 1, last):
            distance = _perpendicular_distance(points[i], points[first], points[last])
            if distance > max_distance:
                max_distance, index = distance, i
        if max_distance > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring: Ring) -> float:
    """Signed planar area in square degrees (shoelace)."""
    area = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        area += x1 * y2 - x2 * y1
    return area / 2


def simplify_geometry(geometry: dict, tolerance: float = 0.01, digits: int = 4) -> dict:
    """A lighter display copy: rings simplified and rounded; rings that collapse are dropped,
    but every polygon keeps at least its outer ring so small islands stay on the map."""
    result = []
    for polygon in polygons(geometry):
        rings = []
        for index, ring in enumerate(polygon):
            simplified = simplify_line([[round(x, digits), round(y, digits)] for x, y, *_ in ring], tolerance)
            if len(simplified) < 4:
                if index > 0:
                    continue
                simplified = [[round(x, digits), round(y, digits)] for x, y, *_ in ring]
            rings.append(simplified)
        if rings:
            result.append(rings)
    if len(result) == 1:
        return {"type": "Polygon", "coordinates": result[0]}
    return {"type": "MultiPolygon", "coordinates": result}


def label_point(geometry: dict | None) -> list[float] | None:
    """Centroid of the largest polygon's outer ring, or that ring's middle vertex when the centroid
    falls outside a concave shape."""
    best, best_area = None, 0.0
    for polygon in polygons(geometry):
        area = abs(ring_area(polygon[0]))
        if best is None or area > best_area:
            best, best_area = polygon[0], area
    if not best:
        return None
    signed = ring_area(best)
    if signed == 0:
        x, y = best[0][0], best[0][1]
        return [round(x, 4), round(y, 4)]
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(best, best[1:], strict=False):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    cx, cy = cx / (6 * signed), cy / (6 * signed)
    if not point_in_ring(cx, cy, best):
        cx, cy = best[len(best) // 2][0], best[len(best) // 2][1]
    return [round(cx, 4), round(cy, 4)]


def point_in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# Lambert azimuthal equal-area centred on Europe (the spherical form of EPSG:3035's projection).
_LON0, _LAT0 = math.radians(10), math.radians(52)
_SIN_LAT0, _COS_LAT0 = math.sin(_LAT0), math.cos(_LAT0)


def project_laea(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon) - _LON0, math.radians(lat)
    sin_phi, cos_phi, cos_lam = math.sin(phi), math.cos(phi), math.cos(lam)
    k = math.sqrt(2 / (1 + _SIN_LAT0 * sin_phi + _COS_LAT0 * cos_phi * cos_lam))
    return k * cos_phi * math.sin(lam), -k * (_COS_LAT0 * sin_phi - _SIN_LAT0 * cos_phi * cos_lam)
