"""python -m bench [--quick] [--scale N]: build the sizes of DESIGN.md in a separate database and time the portal."""

import argparse
import importlib
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI, under 2 minutes)")
    parser.add_argument("--scale", type=int, default=1, help="multiply DESIGN.md's sizes (20 for the scale run)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database for another run")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from saphire import embedded

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"], _ = embedded.start_postgres()
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"], _ = embedded.start_redis()
    os.environ.setdefault("SAPHIRE_TESTING", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saphire.settings")

    import django
    from django.conf import settings
    from django.test.utils import setup_test_environment

    from bench import MODULES
    from bench.core import Context

    settings.DATABASES["default"]["TEST"]["NAME"] = f"bench_saphire_{ROOT.name}"
    django.setup()
    setup_test_environment(debug=True)
    from django.db import connection

    started = time.perf_counter()
    db_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    print(f"Benchmark database {db_name} ready in {time.perf_counter() - started:.1f}s", flush=True)
    ctx = Context(quick=args.quick, scale=args.scale)
    modules = [importlib.import_module(name) for name in MODULES]
    results = []
    try:
        for module in modules:
            t0 = time.perf_counter()
            module.build(ctx)
            print(f"built {module.__name__} in {time.perf_counter() - t0:.1f}s", flush=True)
        for module in modules:
            results.extend(module.measure(ctx))
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(db_name, verbosity=0)
    table = render_table(results)
    print(table)
    write_report(table, args, time.perf_counter() - started)
    return 0 if all(r.ok is not False for r in results) else 1


def render_table(results) -> str:
    lines = ["| measurement | median ms | p95 ms | queries | value | target | ok |", "|---|---:|---:|---:|---|---|---|"]
    for r in results:

        def num(x):
            return f"{x:.1f}" if x is not None else ""

        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        queries = "" if r.queries is None else str(r.queries)
        lines.append(f"| {r.name} | {num(r.median_ms)} | {num(r.p95_ms)} | {queries} | {r.value} | {r.target} | {ok} |")
    return "\n".join(lines)


def write_report(table: str, args, elapsed: float) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    mode = "quick" if args.quick else f"full (scale {args.scale})"
    out = ROOT / "docs" / ("benchmarks-quick.md" if args.quick else "benchmarks.md")
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        f"# Benchmarks\n\nRun {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, mode {mode}, on {machine}; "
        f"took {elapsed:.0f} s.\n\n{table}\n"
    )
    print(f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
