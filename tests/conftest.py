"""Shared fixtures: users per role, logged-in clients, a browser and a real Celery worker."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from accounts.models import User
from tests.factories import RegionFactory, RegionMembershipFactory, UserFactory
from tests.helpers import WorkerProcess, database_url_for_tests

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _delete_cached_keys() -> None:
    """This checkout's test keys: throttles, cached pages and fragments, generation counters."""
    for alias in ("default", "throttle"):
        client = caches[alias]._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{settings.CACHES[alias]['KEY_PREFIX']}:*", count=1000))
        if keys:
            client.delete(*keys)


@pytest.fixture(autouse=True, scope="session")
def _clean_cache_at_start():
    """A benchmark run in this checkout shares the Redis: its fragments must not answer the first test."""
    _delete_cached_keys()


@pytest.fixture(autouse=True)
def _clean_cache(_clean_cache_at_start):
    """Forget throttles and cached pages between tests (only this checkout's test keys)."""
    from saphire import page_cache

    page_cache.forget_local()
    yield
    _delete_cached_keys()


@pytest.fixture
def page_cache_off(settings):
    """Anonymous pages rendered every time: for tests that count what rendering a page costs."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in the default language: the locale middleware leaves the last request's language active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Files written by a test (report PDFs, uploads) go to a temporary folder, never the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


# Users per role -------------------------------------------------------------


@pytest.fixture
def region(db):
    return RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)


@pytest.fixture
def other_region(db):
    return RegionFactory(code="BE21", name="Prov. Antwerpen", country_code="BE", level=2)


@pytest.fixture
def administrator(db):
    return UserFactory(username="alice", role=User.Role.ADMINISTRATOR)


@pytest.fixture
def coordinator(db):
    return UserFactory(username="cora", role=User.Role.COORDINATOR)


@pytest.fixture
def official(db, region):
    """An official of `region`."""
    return RegionMembershipFactory(user__username="olli", region=region).user


@pytest.fixture
def other_official(db, other_region):
    """An official of `other_region` only."""
    return RegionMembershipFactory(user__username="bram", region=other_region).user


@pytest.fixture
def stakeholder(db):
    return UserFactory(username="stella", role=User.Role.STAKEHOLDER)


@pytest.fixture
def client_as():
    """`client_as(user)` returns a test client logged in as that user (None: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


# Browser -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: run `make test` (it installs Debian's chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


# Real Celery worker -----------------------------------------------------------


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real worker process on this run's queue and test database; emails go to files in `worker.mail_dir`."""
    mail_dir = tmp_path / "emails"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(),
        "REDIS_URL": settings.REDIS_URL,
        "SAPHIRE_TESTING": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    _purge_test_queue()
    worker = WorkerProcess(env, concurrency=2)
    worker.mail_dir = mail_dir
    worker.start()
    yield worker
    worker.stop()
    _purge_test_queue()


def _purge_test_queue() -> None:
    from saphire.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.fixture(scope="session")
def shared_data_dir():
    """../shared/data beside the checkout; tests that need it skip, with the reason, where it is absent."""
    path = Path(os.environ.get("SHARED_DATA_DIR") or ROOT.parent / "shared" / "data")
    if not path.exists():
        pytest.skip(f"real data not present at {path}")
    return path


@pytest.fixture
def eager_tasks():
    """Celery tasks run in the test's process when queued (e.g. from an on_commit callback)."""
    from saphire.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
