"""Benchmarks: `make bench` (full sizes) and `make bench-quick`.

Each part of the portal has a module `bench/<part>.py` with
    build(ctx: Context) -> None          create its data at ctx's sizes (fixed seed, idempotent)
    measure(ctx: Context) -> list[Result] time what its issue names
and is listed in MODULES. The runner builds in a separate database, then
prints one table and writes docs/benchmarks.md.
"""

MODULES = [
    "bench.platform",
    "bench.regions",
    "bench.mapping",
    "bench.roadmap",
    "bench.participation",
    "bench.reports",
    "bench.workshops",
    "bench.notifications",
    "bench.public_pages",
]
