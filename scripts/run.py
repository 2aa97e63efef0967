"""`make run`: set up, then serve the portal with a Celery worker and beat until Ctrl-C.

Starts the embedded PostgreSQL, the broker's Redis and the cache's Redis when
DATABASE_URL / REDIS_URL / CACHE_REDIS_URL are not set, migrates, loads the demo
data, then runs the web server (HOST, PORT: 127.0.0.1:8000), a worker and beat.
Ctrl-C stops every process it started, the embedded servers included; the worker
first finishes the report it is building (see stop_all).
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from saphire import embedded  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def spawn(name: str, args: list[str]) -> subprocess.Popen:
    # Each child leads its own process group, so stopping it also stops what it forked.
    return subprocess.Popen(args, cwd=ROOT, start_new_session=True)


# How long a stopping worker may take to finish the report it is building (its warm shutdown).
WORKER_SHUTDOWN_SECONDS = float(os.environ.get("WORKER_SHUTDOWN_SECONDS", "60"))


def stop_all(children: dict[str, subprocess.Popen]) -> None:
    """Stop every child: the worker warmly, so a running build finishes, the others at once.

    The worker's main process alone gets SIGTERM: signalled too, its pool processes would die
    mid-build. A build still running after WORKER_SHUTDOWN_SECONDS is cut short; its task stays
    unacknowledged in Redis and the stale-report sweep queues the report again.
    """
    for name, proc in children.items():
        if proc.poll() is None:
            if name == "worker":
                os.kill(proc.pid, signal.SIGTERM)
            else:
                os.killpg(proc.pid, signal.SIGTERM)
    for name, proc in children.items():
        try:
            proc.wait(timeout=WORKER_SHUTDOWN_SECONDS if name == "worker" else 15)
        except subprocess.TimeoutExpired:
            print(f"{name} did not stop in time: killing it.", file=sys.stderr)
        # Whatever the child left behind in its process group goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def main() -> int:
    os.environ.setdefault("DEBUG", "true")
    started_db = False
    started_redis: list[str] = []
    if not os.environ.get("DATABASE_URL"):
        _, started_db = embedded.start_postgres()
    for variable, purpose in (("REDIS_URL", embedded.BROKER), ("CACHE_REDIS_URL", embedded.CACHE)):
        if not os.environ.get(variable) and embedded.start_redis(purpose)[1]:
            started_redis.append(purpose)

    children: dict[str, subprocess.Popen] = {}
    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        manage("migrate", "--no-input", "-v", "0")
        manage("load_demo")
        host = os.environ.get("HOST", "127.0.0.1")
        port = os.environ.get("PORT", "8000")
        children["web"] = spawn("web", [PYTHON, "manage.py", "runserver", f"{host}:{port}", "--noreload"])
        children["worker"] = spawn(
            "worker", [PYTHON, "-m", "celery", "-A", "saphire", "worker", "-l", "info", "-c", "2"]
        )
        children["beat"] = spawn("beat", [PYTHON, "-m", "celery", "-A", "saphire", "beat", "-l", "info"])
        print(
            f"\nSAPHIRe Regions is running at http://{host}:{port}/\n"
            "Demo accounts (password 'saphire-demo'): admin, coordinator, official, stakeholder\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stopping:
            exited = [name for name, proc in children.items() if proc.poll() is not None]
            if exited:
                print(f"{', '.join(exited)} stopped; shutting down.", file=sys.stderr)
                break
            time.sleep(0.5)
    except subprocess.CalledProcessError as exc:
        print(f"Set-up failed: {' '.join(exc.cmd)}", file=sys.stderr)
        return 1
    finally:
        stop_all(children)
        if started_db:
            embedded.stop_postgres()
        for purpose in started_redis:
            embedded.stop_redis(purpose)
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
