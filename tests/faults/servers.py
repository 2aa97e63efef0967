"""Real processes for the fault drills: the portal under gunicorn, a private Redis, a private PostgreSQL."""

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from saphire import embedded

ROOT = Path(__file__).resolve().parent.parent.parent


def base_env(**overrides: str) -> dict[str, str]:
    env = {**os.environ, "SAPHIRE_TESTING": "true", "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "saphire.settings"}
    env.update(overrides)
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


class PortalServer:
    """The portal under gunicorn (one sync worker, so every request reuses the same process and connection)."""

    def __init__(self, env: dict):
        self.env = env
        self.port = embedded.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.output: list[str] = []

    def start(self, timeout: float = 60) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "saphire.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log())
            try:
                requests.get(self.url + "/health/", timeout=5)
                return
            except (requests.ConnectionError, requests.Timeout):  # a first answer is slow on a busy machine
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer:\n" + self.log())

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.output.append(line)

    def log(self) -> str:
        return "".join(self.output[-60:])

    def worker_pids(self) -> set[int]:
        """Pids of gunicorn's workers, to prove the portal was not restarted behind the drill's back."""
        found = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.add(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()

    def session(self) -> requests.Session:
        return requests.Session()

    def sign_in(self, username: str, password: str) -> requests.Session:
        session = requests.Session()
        session.get(self.url + "/accounts/login/", timeout=10)
        response = session.post(
            self.url + "/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": self.url + "/accounts/login/"},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text[:2000]
        return session


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary directory, through saphire.embedded (never the shared server)."""

    def __init__(self):
        # Not under pytest's tmp_path: the postgres user must be able to reach the data directory.
        self.data_dir = Path(tempfile.mkdtemp(prefix="saphire-drill-"))
        self.data_dir.chmod(0o755)
        flavour = "system" if list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) else "pgserver"
        self.env = base_env(SAPHIRE_EMBEDDED_PG=flavour, SAPHIRE_DATA_DIR=str(self.data_dir))

    def _call(self, expression: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", f"from saphire import embedded; print({expression})"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        return result.stdout.strip().splitlines()[-1]

    def start(self) -> str:
        url = self._call("embedded.start_postgres()[0]")
        self.url = url
        return url

    def stop(self) -> None:
        self._call("embedded.stop_postgres()")

    def cleanup(self) -> None:
        try:
            self.stop()
        finally:
            subprocess.run(["rm", "-rf", str(self.data_dir)], check=False)
