"""The portal under gunicorn on the benchmark database, and a closed-loop HTTP client to measure it."""

import os
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from saphire import embedded

ROOT = Path(__file__).resolve().parent.parent


def benchmark_database_url() -> str:
    """DATABASE_URL renamed to the benchmark database, so a server process reads what `build` wrote."""
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path="/" + settings.DATABASES["default"]["NAME"]))


class Gunicorn:
    """`with Gunicorn(workers=2) as server:` the portal plus /bench/ping/ on a free loopback port."""

    def __init__(self, *, workers: int = 2, extra_env: dict | None = None, extra_args: tuple[str, ...] = ()):
        self.workers = workers
        self.extra_args = extra_args
        self.port = embedded.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.gettempdir()) / f"bench-gunicorn-{ROOT.name}-{self.port}.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": benchmark_database_url(),
            "SAPHIRE_TESTING": "true",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "bench.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--timeout",
                "120",
                *self.extra_args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                if status_of(self.port, "/bench/ping/") == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()


def status_of(port: int, path: str, headers: dict | None = None) -> int:
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def requests_per_second(port: int, path: str, seconds: float, clients: int = 4, headers: dict | None = None) -> float:
    """Completed 200 responses per second with `clients` clients in a closed loop (each waits for its answer)."""
    counts = [0] * clients
    errors: list[str] = []
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        while time.monotonic() < stop:
            try:
                status = status_of(port, path, headers)
            except OSError as exc:
                errors.append(f"{path}: {exc}")
                return
            if status != 200:
                errors.append(f"{path} answered {status}")
                return
            counts[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(errors[0])
    return sum(counts) / (time.monotonic() - started)
