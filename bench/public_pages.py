"""Every anonymous public page under gunicorn: warm throughput beside a trivial view, cold time, gzip size.

`python -m bench --quick --only public_pages` measures this part alone: its build makes the other parts'
data first when the run has not (each build is idempotent).

- warm: requests per second of the page, served from the page cache, as a share of /bench/ping/'s
  measured in slices alternating with the page's (target >= 60%), both with `Accept-Encoding: gzip`
  as browsers send;
- cold: the first request after every page was made stale (the generation counters bumped, as a
  publication does), wall time on loopback, median of a few rounds (target <= 150 ms; the map 200 ms
  at NUTS 2 and 400 ms at NUTS 3);
- size: bytes on the wire with `Accept-Encoding: gzip` (map <= 60 KB at NUTS 2 and <= 200 KB at
  NUTS 3, any other page <= 30 KB).
"""

import importlib
import statistics
import time
from http.client import HTTPConnection

from bench.core import Context, Result
from bench.platform import public_pages
from bench.server import Gunicorn, requests_per_second

GZIP = {"Accept-Encoding": "gzip"}
COLD_MS = 150
MAP_COLD_MS = {2: 200, 3: 400}
GZIP_KB = 30
MAP_GZIP_KB = {2: 60, 3: 200}
WARM_SHARE = 0.60
PARTS = ("bench.regions", "bench.mapping", "bench.roadmap", "bench.reports", "bench.workshops")


def build(ctx: Context) -> None:
    from regions.models import Region
    from workshops.models import Event

    if not Region.objects.filter(geometry__isnull=False).exists() or not Event.objects.exists():
        for name in PARTS:
            importlib.import_module(name).build(ctx)


def pages(ctx: Context) -> list[str]:
    """The platform's list of public pages, plus the ones it cannot find by itself (ids, levels, months)."""
    from reports.models import Report
    from roadmap.models import Module, Pilot
    from workshops.models import Event

    found = public_pages(ctx)
    extra = ["/regions/map/?level=2", "/regions/map/?level=3", "/events/?view=month"]
    event = Event.objects.filter(status=Event.Status.CONFIRMED).order_by("starts_at").first()
    if event:
        extra.append(f"/events/{event.pk}/")
    pilot = Pilot.objects.exclude(status=Pilot.Status.DRAFT).order_by("pk").first()
    if pilot:
        extra.append(f"/pilots/{pilot.slug}/")
    module = Module.objects.filter(status=Module.Status.PUBLISHED).order_by("code").first()
    if module:
        extra.append(f"/roadmap/modules/{module.code}/")
    report = Report.objects.filter(published_at__isnull=False).order_by("pk").first()
    if report:
        extra.append(f"/reports/{report.pk}/")
    return [*found, *(path for path in extra if path not in found)]


def fetch(port: int, path: str, headers: dict) -> tuple[int, int, float]:
    """(status, bytes of the body as sent, wall milliseconds)."""
    conn = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body), (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def _targets(path: str) -> tuple[float, float]:
    """(cold ms, gzip KB) for `path`."""
    if path.startswith(("/regions/map/", "/mapping/results/map/")):  # the score map is a NUTS-2 map
        level = 3 if "level=3" in path else 2
        return MAP_COLD_MS[level], MAP_GZIP_KB[level]
    return COLD_MS, GZIP_KB


def _make_everything_stale() -> None:
    from saphire import page_cache

    page_cache.content_changed(page_cache.PAGES)  # outside a transaction: bumped at once
    # Each worker re-reads the generations at most once a second.
    time.sleep(page_cache.GENERATION_MAX_AGE + 0.2)


def measure(ctx: Context) -> list[Result]:
    paths = pages(ctx)
    seconds = 1.5 if ctx.quick else 5.0
    rounds = 3 if ctx.quick else 5
    results = []
    with Gunicorn(workers=2) as server:
        requests_per_second(server.port, "/bench/ping/", 1.0)  # warm both workers up
        for path in paths:
            fetch(server.port, path, GZIP)
        cold: dict[str, list[float]] = {path: [] for path in paths}
        for _ in range(rounds):
            _make_everything_stale()
            for path in paths:
                status, _size, ms = fetch(server.port, path, GZIP)
                if status == 200:
                    cold[path].append(ms)
        trivials = []
        for path in paths:
            result, trivial = _measure_page(server.port, path, cold[path], seconds)
            results.append(result)
            if trivial:
                trivials.append(trivial)
        results.insert(
            0,
            Result(
                name="public pages: trivial view (gunicorn, 2 workers)",
                value=f"{min(trivials):.0f}-{max(trivials):.0f} req/s, measured in slices alternating with each page's",
            ),
        )
    return results


def _interleaved_rates(port: int, path: str, seconds: float, slices: int = 5) -> tuple[float, float]:
    """Requests per second of `path` and of the trivial view, measured in alternating slices.

    A machine's speed drifts (frequency, other processes); alternating short slices gives both the
    same conditions, where one measurement after the other would give each its own.
    """
    page = trivial = 0.0
    for _ in range(slices):
        trivial += requests_per_second(port, "/bench/ping/", seconds / slices, headers=GZIP)
        page += requests_per_second(port, path, seconds / slices, headers=GZIP)
    return page / slices, trivial / slices


def _measure_page(port: int, path: str, cold: list[float], seconds: float) -> tuple[Result, float]:
    """The page's figures, and the trivial view's rate measured in the same slices of time."""
    cold_target, size_target = _targets(path)
    status, size, _ms = fetch(port, path, GZIP)
    _status, raw_size, _ms = fetch(port, path, {})
    if status != 200 or not cold:
        return Result(name=f"public GET {path}", value=f"answered {status}", ok=False), 0.0
    requests_per_second(port, path, 0.5, headers=GZIP)
    rps, trivial = _interleaved_rates(port, path, seconds)
    share = rps / trivial
    cold_ms = statistics.median(cold)
    ok = share >= WARM_SHARE and cold_ms <= cold_target and size <= size_target * 1024
    return Result(
        name=f"public GET {path}",
        median_ms=cold_ms,
        p95_ms=max(cold),
        value=f"warm {rps:.0f} req/s = {share:.0%}; gzip {size / 1024:.1f} KB (of {raw_size / 1024:.0f} KB)",
        target=f">= {WARM_SHARE:.0%}; cold <= {cold_target} ms; <= {size_target} KB",
        ok=ok,
    ), trivial
