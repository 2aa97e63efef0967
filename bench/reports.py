"""Reports: one region's report (HTML and PDF), a batch of every EU NUTS 2 region on two worker
processes, and the same batch again with nothing changed."""

import csv
import os
import random
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.core import Context, Result

EU_NUTS2 = 242
QUICK_REGIONS = 12
CODES_CSV = Path(settings.BASE_DIR).parent / "shared" / "data" / "nuts" / "nuts2021_codes.csv"
THEMES = ["AWARE", "EDU", "DATA", "ELSI", "REG", "HTA", "FUND", "RES", "IND", "GOV", "ENG", "ACCESS", "COOP"]


def _eu_nuts2() -> list[tuple[str, str, str]]:
    """(code, country, name) of the EU27 NUTS 2 regions: the real list when ../shared/data is there."""
    if CODES_CSV.exists():
        with CODES_CSV.open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["LEVL_CODE"] == "2" and r["IN_EU27"] == "1"]
        return [(r["NUTS_ID"], r["CNTR_CODE"], r["NAME_LATN"]) for r in rows]
    return [(f"QZ{i:02X}", "QZ", f"Benchmark region {i}") for i in range(EU_NUTS2)]


def build(ctx: Context) -> None:
    from mapping.models import Finding, Theme
    from regions.models import Region
    from reports import demo

    rng = random.Random(ctx.seed)
    demo.load_library()
    themes = list(Theme.objects.filter(code__in=THEMES))
    regions = []
    for code, country, name in _eu_nuts2():
        region, _ = Region.objects.get_or_create(
            code=code, nuts_version=2021, defaults={"level": 2, "country_code": country, "name": name}
        )
        regions.append(region)
    if not Finding.objects.filter(region__in=regions, title__startswith="Bench: ").exists():
        findings = []
        for region in regions:
            for index in range(6):
                kind = [Finding.Kind.GAP, Finding.Kind.BARRIER, Finding.Kind.STRENGTH][index % 3]
                findings.append(
                    Finding(
                        region=region,
                        theme=rng.choice(themes),
                        kind=kind,
                        severity=rng.randint(2, 5),
                        title=f"Bench: {kind} {index} in {region.code}",
                        description="A finding of the benchmark data.",
                        status=Finding.Status.CONFIRMED,
                    )
                )
        Finding.objects.bulk_create(findings)
    ctx.shared["report_regions"] = [r.pk for r in regions]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or ""
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    if host.startswith("/") or not host:
        return f"postgresql://{user}{password}@/{db['NAME']}" + (f"?host={host}" if host else "")
    return f"postgresql://{user}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def _purge_queue() -> None:
    from saphire.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


def measure(ctx: Context) -> list[Result]:
    from regions.models import Region
    from reports import selectors, services
    from reports.models import Report
    from tests.helpers import WorkerProcess

    media = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    settings.MEDIA_ROOT = media
    region_ids = ctx.shared["report_regions"]
    regions = list(Region.objects.filter(pk__in=region_ids).order_by("code"))
    if ctx.quick:
        regions = regions[:QUICK_REGIONS]
    Report.objects.filter(region__in=regions).delete()
    results = []

    # One report, built in this process: gather, HTML, PDF, atomic writes.
    one = regions[0]
    timings = []
    # The first build of a process loads fonts and templates: a warm-up, not counted.
    for attempt in range(-1, ctx.repeat(7, 3)):
        report = Report.objects.create(region=one, fingerprint=f"bench-single-{attempt}-{time.time()}")
        started = time.perf_counter()
        built = services.report_build(report_id=report.pk, worker="bench")
        if attempt >= 0:
            timings.append((time.perf_counter() - started) * 1000)
        if built.status != Report.Status.DONE:
            raise RuntimeError(f"Benchmark report failed: {built.error}")
    Report.objects.filter(region=one).delete()
    timings.sort()
    pdf_kb = built.pdf_bytes / 1024
    results.append(
        Result(
            name="report: one region, HTML + PDF",
            median_ms=timings[len(timings) // 2],
            p95_ms=timings[-1],
            value=f"{pdf_kb:.0f} kB PDF",
            target="< 2000 ms",
            ok=timings[len(timings) // 2] < 2000,
        )
    )
    results.append(
        Result(
            name="report: one region, PDF size",
            value=f"{pdf_kb:.0f} kB",
            target="<= 500 kB",
            ok=pdf_kb <= 500,
        )
    )

    # Every region on a real worker with two processes, through Redis.
    _purge_queue()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "SAPHIRE_TESTING": "true",
        "MEDIA_ROOT": str(media),
    }
    worker = WorkerProcess(env, concurrency=2)
    worker.start()
    connection.close()
    try:
        started = time.perf_counter()
        batch = services.batch_create(regions=regions, title="bench", created_by=None)
        limit = 360
        while True:
            progress = selectors.batch_progress(batch=batch)
            if progress["is_finished"] or time.perf_counter() - started > limit + 60:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
    finally:
        worker.stop()
    name = f"reports: batch of {len(regions)} regions, 2 worker processes"
    results.append(
        Result(
            name=name,
            median_ms=elapsed * 1000,
            value=f"{progress['done']} done, {progress['failed']} failed, {elapsed:.1f} s",
            target="< 360 s for 242 regions" if not ctx.quick else "< 360 s (242 in the full run)",
            ok=progress["done"] == len(regions) and elapsed < limit,
        )
    )

    # The same batch again: every fingerprint is unchanged, so nothing is queued.
    started = time.perf_counter()
    again = services.batch_create(regions=regions, title="bench again", created_by=None)
    progress = selectors.batch_progress(batch=again)
    elapsed = time.perf_counter() - started
    results.append(
        Result(
            name=f"reports: same batch of {len(regions)} again, nothing changed",
            median_ms=elapsed * 1000,
            value=f"{progress['done']} reused, {progress['queued']} queued",
            target="< 10 s",
            ok=elapsed < 10 and progress["done"] == len(regions),
        )
    )
    _purge_queue()
    return results
