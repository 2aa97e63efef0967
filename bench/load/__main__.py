"""`make load`: 50 simulated people on loopback for 60 s, then proof that nothing was lost.

    python -m bench.load [--users 50] [--seconds 60] [--keep]

In a separate database it loads the demo data of every part, adds the load test's accounts
(officials of the regions in the open campaign, stakeholders, coordinators), serves the portal with
gunicorn and a Celery worker, runs Locust headless (bench/load/locustfile.py), and then checks the
database: every answer the officials saved is there with the value they sent last, every
registration is there, every report asked for exists. It prints the figures and writes them to
docs/benchmarks.md. Exit status 1 on any error or anything lost.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.load.check import verify

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "load-test-passphrase-2026"
QUESTION_PLACEHOLDER = 987654321
# As docker-compose.yml deploys it: 3 sync workers.
GUNICORN_WORKERS = 3
P95_TARGET_MS = {"sign in": 1500}
WEIGHTS = {"visitor": 4, "official": 3, "stakeholder": 2, "coordinator": 1}


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the load database afterwards")
    return parser.parse_args(argv)


def setup_django():
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

    settings.DATABASES["default"]["TEST"]["NAME"] = f"load_saphire_{ROOT.name}"
    django.setup()


def build_plan(workdir: Path, users: int) -> dict:
    """Demo data plus the load test's accounts; returns what the simulated people need."""
    from django.core.management import call_command
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from accounts.models import User
    from accounts.services import user_create
    from bench.core import Context
    from bench.platform import public_pages
    from regions.models import RegionMembership

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    def account(username: str, role: str) -> User:
        user = User.objects.filter(username=username).first()
        return user or user_create(username=username, email=f"{username}@load.example.eu", password=PASSWORD, role=role)

    plan = {
        "password": PASSWORD,
        "weights": WEIGHTS,
        "pages": public_pages(Context(quick=True)),
        "api_lists": [p for p in ("/api/v1/regions/", "/api/v1/modules/", "/api/v1/pilots/") if _exists(p)],
        "officials": [],
        "stakeholders": [],
        "coordinators": [],
        "events": [],
        "stakeholder_kind": "",
        "report_url": "",
        "report_regions": [],
        "logs": {kind: str(workdir / f"{kind}.jsonl") for kind in ("answers", "registrations", "reports")},
    }
    share = users * 2 // sum(WEIGHTS.values())  # room for each simulated person to have an account of their own

    # Officials fill in the open campaign, one region each.
    try:
        from mapping import services as mapping_services
        from mapping.models import Campaign, Question

        reverse("mapping:response-answer", kwargs={"pk": 1, "question_pk": 1})
        campaign = (
            Campaign.objects.filter(opens_on__lte=timezone.localdate(), deadline__gte=timezone.localdate())
            .order_by("-opens_on")
            .first()
        )
    except (ImportError, NoReverseMatch):
        campaign = None
    if campaign is not None:
        questions = list(
            Question.objects.filter(version=campaign.version, kind=Question.Kind.LIKERT, condition={})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for i, region in enumerate(campaign.regions.order_by("code")[: max(share, 1)]):
            user = account(f"load-official-{i:02d}", User.Role.OFFICIAL)
            RegionMembership.objects.get_or_create(user=user, region=region)
            response = mapping_services.response_start(campaign=campaign, region=region)
            if not response.is_editable:
                continue
            plan["officials"].append(
                {
                    "username": user.username,
                    "response": response.pk,
                    "questions": questions,
                    "fill_url": reverse("mapping:response-fill", kwargs={"pk": response.pk}),
                    "answer_url": reverse(
                        "mapping:response-answer", kwargs={"pk": response.pk, "question_pk": QUESTION_PLACEHOLDER}
                    ),
                }
            )

    # Stakeholders register for confirmed events.
    try:
        from workshops.models import StakeholderKind

        plan["events"] = _load_events(account("load-organiser", User.Role.COORDINATOR))
        plan["stakeholder_kind"] = StakeholderKind.values[0]
    except ImportError:
        pass
    if plan["events"]:
        plan["stakeholders"] = [
            {"username": account(f"load-stakeholder-{i:02d}", User.Role.STAKEHOLDER).username}
            for i in range(max(share, 1))
        ]

    # Coordinators look at their dashboard and ask for reports.
    plan["coordinators"] = [
        {"username": account(f"load-coordinator-{i:02d}", User.Role.COORDINATOR).username} for i in range(5)
    ]
    try:
        from regions.models import Region

        plan["report_url"] = reverse("reports:report-request")
        regions = Region.objects.filter(level=2).order_by("code")
        plan["report_regions"] = list(regions.values_list("code", flat=True)[:20])
    except NoReverseMatch:
        pass

    for kind, weight_key in (("officials", "official"), ("stakeholders", "stakeholder")):
        if not plan[kind]:
            plan["weights"][weight_key] = 0
    for path in plan["logs"].values():
        Path(path).write_text("")
    return plan


def _load_events(organiser) -> list[int]:
    """Ten confirmed workshops, a week apart from a month ahead, in different regions."""
    from datetime import timedelta

    from django.utils import timezone

    from regions.models import Region
    from workshops import services as workshop_services
    from workshops.models import Event

    existing = list(Event.objects.filter(title__startswith="Load test workshop").values_list("pk", flat=True))
    if existing:
        return existing
    start = (timezone.now() + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    regions = list(Region.objects.filter(level=2).order_by("code")[:10])
    events = []
    for i, region in enumerate(regions):
        event = workshop_services.event_create(
            created_by=organiser,
            host_regions=[region],
            title=f"Load test workshop {i + 1}",
            starts_at=start + timedelta(days=7 * i),
            ends_at=start + timedelta(days=7 * i, hours=6),
            capacity=25,
            venue=f"{region.name} regional office",
        )
        events.append(workshop_services.event_confirm(event=event, by=organiser).pk)
    return events


def _exists(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


# Seconds a simulated person may take to finish what it is doing when the run ends: without it a save
# still in flight is cut off after the server stored it, and the check would count that answer as lost.
STOP_TIMEOUT_SECONDS = 30


def locust_command(url: str, users: int, seconds: int, workdir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(users // 5, 1)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        str(STOP_TIMEOUT_SECONDS),
        "--host",
        url,
        "--csv",
        str(workdir / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]


def run_locust(url: str, plan_path: Path, users: int, seconds: int, workdir: Path) -> Path:
    env = {**os.environ, "SAPHIRE_LOAD_PLAN": str(plan_path), "SAPHIRE_LOAD_QUESTION": str(QUESTION_PLACEHOLDER)}
    subprocess.run(locust_command(url, users, seconds, workdir), cwd=ROOT, env=env, check=False)
    return workdir / "locust_stats.csv"


def warm_up(port: int, plan: dict, workers: int) -> None:
    """Every page the visitors ask for, requested once per gunicorn worker before the clock starts.

    A portal in service has its public pages cached and its workers' templates loaded; without this the
    first seconds measure a cold start, which `make bench` times on its own (the cold rows).
    """
    from bench.server import status_of

    for path in [*plan["pages"], *plan["api_lists"], "/accounts/login/"] * workers:
        status_of(port, path)


def load_average() -> float | None:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def is_quiet(load: float | None, cores: int | None) -> bool:
    return load is None or load < max((cores or 1) / 2, 0.5)


def wait_until_quiet(limit_seconds: float = 240, poll_seconds: float = 5) -> float:
    """Seconds waited (at most `limit_seconds`) until the one-minute load average is that of a quiet machine."""
    started = time.monotonic()
    while not is_quiet(load_average(), os.cpu_count()) and time.monotonic() - started < limit_seconds:
        time.sleep(poll_seconds)
    return time.monotonic() - started


def busy_note(load: float | None, cores: int | None) -> str:
    """A warning for the report when other work shared the machine: latencies then say little."""
    if is_quiet(load, cores):
        return ""
    return (
        f"Not a quiet machine: load average {load:.1f} on {cores} cores when the run began, from other work. "
        "Read correctness (errors, the database checks) from this run, not latency or throughput.\n\n"
    )


def p95_target(request: str) -> int:
    """Every kind of request answers within 500 ms at the 95th percentile; signing in hashes a password."""
    return P95_TARGET_MS.get(request, 500)


def render(stats_csv: Path, checks, args, machine: str, note: str = "") -> tuple[str, bool]:
    rows = list(csv.DictReader(stats_csv.open())) if stats_csv.exists() else []
    lines = [
        "| request | requests | failures | median ms | p95 ms | req/s | p95 target | ok |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    failures = 0
    total = None
    for row in rows:
        line = (
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['Median Response Time']} "
            f"| {row['95%']} | {float(row['Requests/s']):.1f} | {p95_target(row['Name'])} ms "
            f"| {'yes' if float(row['95%']) <= p95_target(row['Name']) else 'NO'} |"
        )
        if row["Name"] == "Aggregated":
            total = line.replace("| Aggregated |", "| **all** |")
            failures = int(row["Failure Count"])
        else:
            lines.append(line)
    if total:
        lines.append(total)
    ok = bool(rows) and failures == 0 and all(good for _, _, good in checks)
    check_lines = ["| check | figure | ok |", "|---|---|---|"] + [
        f"| {what} | {figure} | {'yes' if good else 'NO'} |" for what, figure, good in checks
    ]
    text = (
        f"## `make load`\n\nRun {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {args.users} simulated people on loopback "
        f"for {args.seconds} s (Locust, headless), against gunicorn ({GUNICORN_WORKERS} sync workers, as deployed) "
        "and one Celery worker, each public page requested once per worker beforehand, "
        f"on {machine}. Errors: {failures}.\n\n"
        + note
        + "\n".join(lines)
        + "\n\nAfterwards, in the database:\n\n"
        + "\n".join(check_lines)
        + "\n"
    )
    return text, ok


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from bench.__main__ import describe_machine, replace_section
    from bench.server import Gunicorn
    from tests.helpers import WorkerProcess

    setup_test_environment(debug=False)
    started = time.perf_counter()
    db_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    workdir = Path(tempfile.mkdtemp(prefix="saphire-load-"))
    try:
        plan = build_plan(workdir, args.users)
        plan_path = workdir / "plan.json"
        plan_path.write_text(json.dumps(plan))
        print(
            f"Load database {db_name} ready in {time.perf_counter() - started:.0f}s: {len(plan['pages'])} pages, "
            f"{len(plan['officials'])} officials, {len(plan['stakeholders'])} stakeholders, "
            f"{len(plan['events'])} events",
            flush=True,
        )
        # The set-up (and a `make bench` just before) keeps the processor busy for a while after it ends:
        # the run starts once the load average says the machine is quiet, so it measures the portal.
        waited = wait_until_quiet()
        machine = describe_machine(connection)
        note = busy_note(load_average(), os.cpu_count())
        if waited >= 1:
            note += f"The run began after waiting {waited:.0f} s for the machine to become quiet.\n\n"
        connection.close()
        from bench.server import benchmark_database_url

        worker_env = {**os.environ, "DATABASE_URL": benchmark_database_url(), "SAPHIRE_TESTING": "true"}
        worker = WorkerProcess(worker_env, concurrency=1)
        worker.start()
        try:
            with Gunicorn(workers=GUNICORN_WORKERS) as server:
                warm_up(server.port, plan, GUNICORN_WORKERS)
                stats = run_locust(server.url, plan_path, args.users, args.seconds, workdir)
        finally:
            worker.stop()
        checks = verify(plan)
        text, ok = render(stats, checks, args, machine, note)
        print(text)
        replace_section(ROOT / "docs" / "benchmarks.md", "load", text)
        print("Written to docs/benchmarks.md")
    finally:
        if not args.keep:
            connection.close()
            connection.creation.destroy_test_db(db_name, verbosity=0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
