import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Result:
    name: str
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    value: str = ""
    target: str = ""
    ok: bool | None = None


@dataclass
class Context:
    quick: bool
    seed: int = 20261128
    # Multiplier on DESIGN.md's sizes: 1 for the normal run, 20 for the scale run.
    scale: int = 1
    shared: dict = field(default_factory=dict)

    def repeat(self, full: int, quick: int = 3) -> int:
        return quick if self.quick else full


def time_call(func: Callable[[], object], repeat: int) -> tuple[float, float, int]:
    """(median ms, 95th percentile ms, queries of one call)."""
    # The garbage of whatever ran before (an import, a build) is collected now, not during a timed call.
    gc.collect()
    with CaptureQueriesContext(connection) as captured:
        func()
    queries = len(captured.captured_queries)
    timings = []
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        func()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return statistics.median(timings), p95, queries


def time_get(client: Client, url: str, repeat: int, name: str | None = None, target_ms: float | None = None) -> Result:
    """Server time and queries of GET `url` through the Django test client."""

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")

    median, p95, queries = time_call(get, repeat)
    return Result(
        name=name or f"GET {url}",
        median_ms=median,
        p95_ms=p95,
        queries=queries,
        target=f"< {target_ms:g} ms" if target_ms else "",
        ok=(p95 < target_ms) if target_ms else None,
    )
