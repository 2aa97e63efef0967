"""Liveness of the parts the portal needs: database, Redis and a Celery worker."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return f"database unreachable: {exc.__class__.__name__}"
    return None


def check_redis() -> str | None:
    try:
        cache._cache.get_client().ping()
    except Exception as exc:
        return f"redis unreachable: {exc.__class__.__name__}"
    return None


def check_worker() -> str | None:
    try:
        alive = cache.get(settings.WORKER_HEARTBEAT_KEY)
    except Exception:
        return "worker unknown: redis unreachable"
    return None if alive else "no live worker heartbeat"


def health_report() -> dict[str, str]:
    """`{"database": "ok" | reason, "redis": ..., "worker": ...}`."""
    checks = {"database": check_database, "redis": check_redis, "worker": check_worker}
    return {name: (check() or "ok") for name, check in checks.items()}
