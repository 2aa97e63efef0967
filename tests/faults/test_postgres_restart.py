"""PostgreSQL restarts under a running portal: the portal recovers on its own, no restart of its own.

The drill runs a private cluster of the embedded PostgreSQL in a temporary directory; the shared
server is never touched.
"""

import pytest
import requests

from tests.faults.servers import PortalServer, PrivatePostgres, base_env, manage


@pytest.fixture(scope="module")
def cluster():
    pg = PrivatePostgres()
    url = pg.start()
    env = base_env(**{**pg.env, "DATABASE_URL": url})
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(
        env,
        "shell",
        "-c",
        "from accounts.services import user_create\n"
        "user_create(username='olli', email='olli@example.eu', password='correct-horse-battery', role='official')\n",
    )
    yield pg, env
    pg.cleanup()


@pytest.fixture
def portal(cluster):
    _, env = cluster
    server = PortalServer(env)
    server.start()
    yield server
    server.stop()


def test_portal_recovers_after_postgres_restarts(cluster, portal):
    pg, _ = cluster
    session = portal.sign_in("olli", "correct-horse-battery")
    assert session.get(portal.url + "/accounts/dashboard/", timeout=10).status_code == 200
    workers = portal.worker_pids()

    pg.stop()
    pg.start()

    # The first request after the restart already works: the stale connection is checked and replaced.
    assert session.get(portal.url + "/accounts/dashboard/", timeout=10).status_code == 200
    assert session.get(portal.url + "/health/", timeout=10).json()["checks"]["database"] == "ok"
    assert portal.worker_pids() == workers


def test_portal_reports_the_outage_and_recovers(cluster, portal):
    pg, _ = cluster
    session = portal.sign_in("olli", "correct-horse-battery")

    pg.stop()
    try:
        during = requests.get(portal.url + "/health/", timeout=10)
        home = requests.get(portal.url + "/", timeout=10)
    finally:
        pg.start()

    assert during.status_code == 503
    assert during.json()["checks"]["database"].startswith("database unreachable")
    assert home.status_code == 200
    assert session.get(portal.url + "/accounts/dashboard/", timeout=10).status_code == 200
    assert requests.get(portal.url + "/health/", timeout=10).json()["checks"]["database"] == "ok"
