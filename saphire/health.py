"""Liveness of the parts the portal needs: database, the broker's Redis, the cache's Redis and a Celery worker."""

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
    """The Celery broker's Redis."""
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=1).ping()
    except Exception as exc:
        return f"redis unreachable: {exc.__class__.__name__}"
    return None


def check_cache() -> str | None:
    """The page cache's Redis: without it pages are still served, only slower."""
    try:
        cache._cache.get_client().ping()
    except Exception as exc:
        return f"cache unreachable: {exc.__class__.__name__}"
    return None


def check_worker() -> str | None:
    try:
        alive = cache.get(settings.WORKER_HEARTBEAT_KEY)
    except Exception:
        return "worker unknown: cache unreachable (the heartbeat lives there)"
    return None if alive else "no live worker heartbeat"


def health_report() -> dict[str, str]:
    """`{"database": "ok" | reason, "redis": ..., "cache": ..., "worker": ...}`."""
    checks = {"database": check_database, "redis": check_redis, "cache": check_cache, "worker": check_worker}
    return {name: (check() or "ok") for name, check in checks.items()}
