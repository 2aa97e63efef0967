"""python -m bench [--quick] [--scale N]: build the sizes of DESIGN.md in a separate database and time the portal."""

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI, under 2 minutes)")
    parser.add_argument("--scale", type=int, default=1, help="multiply DESIGN.md's sizes (20 for the scale run)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database for another run")
    parser.add_argument("--only", nargs="*", help="run only these modules (e.g. platform regions)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from saphire import embedded

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"], _ = embedded.start_postgres()
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"], _ = embedded.start_redis(embedded.BROKER)
    if not os.environ.get("CACHE_REDIS_URL"):
        os.environ["CACHE_REDIS_URL"], _ = embedded.start_redis(embedded.CACHE)
    os.environ.setdefault("SAPHIRE_TESTING", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saphire.settings")

    import django
    from django.conf import settings
    from django.test.utils import setup_test_environment

    from bench import MODULES
    from bench.core import Context, Result

    settings.DATABASES["default"]["TEST"]["NAME"] = f"bench_saphire_{ROOT.name}"
    django.setup()
    setup_test_environment(debug=True)
    from django.db import connection

    started = time.perf_counter()
    db_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    print(f"Benchmark database {db_name} ready in {time.perf_counter() - started:.1f}s", flush=True)
    ctx = Context(quick=args.quick, scale=args.scale)
    names = [name for name in MODULES if not args.only or name in args.only or name.split(".")[-1] in args.only]
    modules = [importlib.import_module(name) for name in names]
    results = []
    machine = describe_machine(connection)
    try:
        for module in modules:
            t0 = time.perf_counter()
            try:
                module.build(ctx)
            except Exception as exc:
                # One part's broken build is reported in the table; the other parts are still measured.
                traceback.print_exc()
                results.append(Result(name=f"{module.__name__}: build failed", value=_short(exc), ok=False))
                continue
            print(f"built {module.__name__} in {time.perf_counter() - t0:.1f}s", flush=True)
        # What autovacuum would do within a minute of the bulk loads: the timings then neither race it
        # nor use plans made for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        for module in modules:
            t0 = time.perf_counter()
            try:
                results.extend(module.measure(ctx))
            except Exception as exc:
                traceback.print_exc()
                results.append(Result(name=f"{module.__name__}: measure failed", value=_short(exc), ok=False))
            print(f"measured {module.__name__} in {time.perf_counter() - t0:.1f}s", flush=True)
    finally:
        if not args.keep:
            connection.close()
            connection.creation.destroy_test_db(db_name, verbosity=0)
    table = render_table(results)
    print(table)
    write_report(table, args, time.perf_counter() - started, machine)
    return 0 if all(r.ok is not False for r in results) else 1


def _short(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}".replace("|", "/").replace("\n", " ")[:200]


def describe_machine(connection) -> str:
    cpu_lines = [line for line in _read("/proc/cpuinfo").splitlines() if line.startswith("model name")]
    cpu = cpu_lines[0].split(":", 1)[1].strip() if cpu_lines else platform.processor() or platform.machine()
    memory = next((line.split()[1] for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal")), "")
    memory = f", {int(memory) / 1024 / 1024:.1f} GiB RAM" if memory else ""
    pg = connection.pg_version
    redis_version = ""
    try:
        from django.core.cache import cache

        redis_version = f", Redis {cache._cache.get_client().info('server')['redis_version']}"
    except Exception:
        redis_version = ", Redis unreachable"
    # Other work on the machine skews every figure: say how busy it was when the run began.
    load = f", load average {os.getloadavg()[0]:.1f} at the start" if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}{load}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PostgreSQL {pg // 10000}.{pg % 10000}{redis_version}"
    )


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def render_table(results) -> str:
    lines = ["| measurement | median ms | p95 ms | queries | value | target | ok |", "|---|---:|---:|---:|---|---|---|"]
    for r in results:

        def num(x):
            return f"{x:.1f}" if x is not None else ""

        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        queries = "" if r.queries is None else str(r.queries)
        lines.append(f"| {r.name} | {num(r.median_ms)} | {num(r.p95_ms)} | {queries} | {r.value} | {r.target} | {ok} |")
    return "\n".join(lines)


def write_report(table: str, args, elapsed: float, machine: str) -> None:
    mode = "quick" if args.quick else f"full (scale {args.scale})"
    out = ROOT / "docs" / ("benchmarks-quick.md" if args.quick else "benchmarks.md")
    section = (
        f"## `make bench`\n\nRun {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, mode {mode}, took {elapsed:.0f} s, "
        f"on {machine}.\n\nServer time is the Django test client's (no network); queries are one request's. "
        f"Requests per second are under gunicorn with 2 sync workers on loopback, beside a trivial Django view "
        f"(/bench/ping/, same middleware, no work) on the same server in the same run.\n\n{table}\n"
    )
    replace_section(out, "bench", section)
    print(f"\nWritten to {out.relative_to(ROOT)}")


def replace_section(path: Path, name: str, text: str) -> None:
    """Put `text` between this section's markers in `path`, keeping the other sections (the load test's)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        current = before + block + after
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(current)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
