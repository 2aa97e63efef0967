"""The map's path data is short and still draws every point where it was, to a tenth of a pixel."""

import random
import re

from regions.maps import _path

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def absolute_rings(d: str) -> list[list[tuple[float, float]]]:
    """Read back path data made of relative `m ... z` subpaths with implicit line-tos."""
    rings, x, y = [], 0.0, 0.0
    for subpath in re.findall(r"m([^mz]*)z", d):
        numbers = [float(n) for n in NUMBER.findall(subpath)]
        ring = []
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((round(x, 1), round(y, 1)))
        rings.append(ring)
        x, y = ring[0]
    return rings


def test_paths_keep_every_point_to_a_tenth_of_a_pixel():
    generator = random.Random(7)
    rings = [
        [(generator.uniform(0, 1000), generator.uniform(0, 900)) for _ in range(generator.randint(3, 60))]
        for _ in range(40)
    ]

    d = _path(rings)

    assert d.count("m") == 40 and "L" not in d and "M" not in d
    for drawn, original in zip(absolute_rings(d), rings, strict=True):
        assert drawn == [(round(x * 10) / 10, round(y * 10) / 10) for x, y in original]


def test_paths_are_shorter_than_absolute_coordinates():
    generator = random.Random(3)
    x, y, ring = 500.0, 400.0, []
    for _ in range(500):  # a border: many small steps
        x, y = x + generator.uniform(-3, 3), y + generator.uniform(-3, 3)
        ring.append((x, y))
    absolute = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z"

    assert len(_path([ring])) < 0.6 * len(absolute)


def test_rings_too_small_to_draw_are_left_out():
    assert _path([[(1.0, 1.0), (2.0, 2.0)]]) == ""
    assert absolute_rings(_path([[(0.04, 0.0), (10.0, 0.0), (10.0, 5.55)]])) == [[(0.0, 0.0), (10.0, 0.0), (10.0, 5.6)]]
