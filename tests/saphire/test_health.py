import pytest
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_health_is_503_naming_the_missing_worker(client):
    cache.delete(settings.WORKER_HEARTBEAT_KEY)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "ok", "redis": "ok", "cache": "ok", "worker": "no live worker heartbeat"},
    }


def test_health_is_200_when_database_redis_and_worker_answer(client):
    cache.set(settings.WORKER_HEARTBEAT_KEY, "worker@host", timeout=30)

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "cache": "ok", "worker": "ok"}


@pytest.mark.worker
def test_a_real_worker_makes_health_green(client, celery_worker):
    from tests.helpers import wait_for

    cache.delete(settings.WORKER_HEARTBEAT_KEY)

    wait_for(lambda: client.get("/health/").status_code == 200, timeout=30)
