import os

import pytest
from django.conf import settings

from mapping.models import Finding
from tests.factories import FindingFactory, FundingInstrumentFactory, RecommendationFactory, seed_theme
from tests.helpers import WorkerProcess, database_url_for_tests


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def region_with_findings(region):
    """FI1D with a confirmed critical data gap, a strength and a recommendation it triggers."""
    data = seed_theme("DATA")
    access = seed_theme("ACCESS")
    FindingFactory(
        region=region, theme=data, kind=Finding.Kind.GAP, severity=5, title="No shared genomic data platform"
    )
    FindingFactory(region=region, theme=access, kind=Finding.Kind.STRENGTH, severity=4, title="Telemedicine network")
    RecommendationFactory(
        code="data-federation",
        kind="investment",
        title="Invest in a federated health data platform",
        themes=[data],
        funding_instruments=[
            FundingInstrumentFactory(
                code="digital-europe", name="Digital Europe Programme", url="https://digital-strategy.ec.europa.eu/"
            )
        ],
    )
    return region


def _purge_test_queue() -> None:
    from saphire.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.fixture
def start_worker(transactional_db, tmp_path, settings):
    """`start_worker(concurrency=1, **env)` starts a real worker with extra environment (e.g. a build delay)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    workers: list[WorkerProcess] = []

    def start(concurrency: int = 1, **extra_env: str) -> WorkerProcess:
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_tests(),
            "REDIS_URL": settings.REDIS_URL,
            "SAPHIRE_TESTING": "true",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **extra_env,
        }
        worker = WorkerProcess(env, concurrency=concurrency)
        worker.start()
        workers.append(worker)
        return worker

    _purge_test_queue()
    yield start
    for worker in workers:
        worker.stop()
    _purge_test_queue()
