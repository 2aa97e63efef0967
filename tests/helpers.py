"""Helpers for tests: browser log-in, polling, and a real Celery worker process."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").last.click()
    page.wait_for_url("**/accounts/dashboard/")


def database_url_for_tests() -> str:
    """URL of the test database, for processes started by the tests."""
    db = settings.DATABASES["default"]
    # dj-database-url puts a unix-socket directory (`?host=/path`) in OPTIONS, not in HOST.
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or ""
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    if host.startswith("/"):
        return f"postgresql://{user}{password}@/{db['NAME']}?host={host}"
    return f"postgresql://{user}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, env: dict, concurrency: int, extra_args: tuple[str, ...] = ()):
        self.env = env
        self.concurrency = concurrency
        self.extra_args = extra_args
        self.proc: subprocess.Popen | None = None
        self.output: list[str] = []
        self._ready = threading.Event()

    def start(self, timeout: float = 60) -> None:
        self._ready.clear()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "saphire",
                "worker",
                "-l",
                "info",
                "-Q",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "-c",
                str(self.concurrency),
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"test-{os.getpid()}@%h",
                *self.extra_args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(timeout):
            self.stop()
            raise RuntimeError("Celery worker did not start:\n" + "".join(self.output[-40:]))

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.output.append(line)
            if " ready." in line:
                self._ready.set()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()

    def log(self) -> str:
        return "".join(self.output)


def wait_for(predicate, timeout: float = 30, interval: float = 0.1):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
