"""The embedded servers: one PostgreSQL (the wheel's, with contrib), a broker Redis that keeps its queue
across restarts and never evicts, and a cache Redis with a memory cap."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from saphire import embedded

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import backup  # noqa: E402


def test_postgres_major_is_the_wheels():
    out = subprocess.run(
        [str(embedded.postgres_bin_dir() / "postgres"), "--version"], capture_output=True, text=True, check=True
    )

    assert f" {embedded.POSTGRES_MAJOR}." in out.stdout


@pytest.mark.django_db
def test_tests_run_on_the_embedded_postgres_with_its_contrib_extensions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent') ORDER BY 1")
        available = [row[0] for row in cursor.fetchall()]

    assert connection.pg_version // 10000 == embedded.POSTGRES_MAJOR
    assert available == ["pg_trgm", "unaccent"]


def test_backups_use_the_wheels_pg_dump_and_pg_restore():
    for name in ("pg_dump", "pg_restore"):
        assert backup.client_binary(name, embedded.POSTGRES_MAJOR).parent == embedded.postgres_bin_dir()


def test_cache_redis_is_capped_and_evicts_least_recently_used():
    cache_server = redis.Redis.from_url(settings.CACHE_REDIS_URL)

    assert int(cache_server.config_get("maxmemory")["maxmemory"]) > 0
    assert cache_server.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"


def test_broker_redis_never_evicts_and_is_not_the_cache():
    broker = redis.Redis.from_url(settings.REDIS_URL)

    assert broker.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
    assert broker.config_get("appendonly")["appendonly"] == "yes"
    assert settings.CELERY_BROKER_URL == settings.REDIS_URL != settings.CACHES["default"]["LOCATION"]


def _restart(directory: Path, port: int, purpose: str) -> redis.Redis:
    embedded.stop_redis_server(directory)
    embedded.start_redis_server(directory, port, purpose)
    return redis.Redis(port=port)


def test_broker_keeps_a_queued_task_across_a_crash(tmp_path):
    directory, port = tmp_path / "redis", embedded.free_port()
    pid = embedded.start_redis_server(directory, port, embedded.BROKER)
    try:
        redis.Redis(port=port).lpush("celery", "task-1")
        time.sleep(1.5)  # the append-only file is flushed every second
        os.kill(pid, signal.SIGKILL)  # no shutdown snapshot: only the append-only file has the task
        embedded._wait_for_exit(pid)  # its port is free only once it is gone
        embedded.start_redis_server(directory, port, embedded.BROKER)

        assert redis.Redis(port=port).lrange("celery", 0, -1) == [b"task-1"]
    finally:
        embedded.stop_redis_server(directory)


def test_broker_last_run_with_snapshots_only_keeps_its_data_when_append_only_is_switched_on(tmp_path):
    directory, port = tmp_path / "redis", embedded.free_port()
    directory.mkdir()
    old = subprocess.Popen(
        [embedded.redis_server_binary(), "--port", str(port), "--dir", str(directory), "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        for _ in range(50):
            try:
                client.lpush("celery", "queued-before-upgrade")
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        client.save()
    finally:
        old.terminate()
        old.wait()

    pid = embedded.start_redis_server(directory, port, embedded.BROKER)
    try:
        client = redis.Redis(port=port)
        assert client.lrange("celery", 0, -1) == [b"queued-before-upgrade"]
        assert client.config_get("appendonly")["appendonly"] == "yes"
    finally:
        embedded.stop_redis_server(directory)
    # It stops when asked (Redis refuses while it writes its first append-only file).
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_cache_server_writes_nothing_to_disk(tmp_path):
    directory, port = tmp_path / "cache", embedded.free_port()
    embedded.start_redis_server(directory, port, embedded.CACHE)
    try:
        redis.Redis(port=port).set("page", "html")
        assert _restart(directory, port, embedded.CACHE).get("page") is None
    finally:
        embedded.stop_redis_server(directory)


def test_postgres_url_is_none_for_an_empty_data_dir(tmp_path):
    env = {"SAPHIRE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", "from saphire import embedded; print(embedded.postgres_url())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert out.stdout.strip() == "None"
