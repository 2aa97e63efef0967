"""Redis stops: a report request answers 503 and the report is marked failed with the reason, never left
queued; once Redis is back it can be retried, from the API and from the report's page.

The drill runs its own redis-server and its own portal process; the shared Redis is never touched.
"""

import pytest

from reports.models import Report
from saphire import embedded
from tests.factories import PASSWORD, RegionMembershipFactory
from tests.faults.servers import PortalServer, base_env
from tests.helpers import database_url_for_tests

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE_DOWN = "The build could not be queued: the task queue is unreachable."


@pytest.fixture
def private_redis(tmp_path):
    directory = tmp_path / "redis"
    port = embedded.free_port()
    embedded.start_redis_server(directory, port)
    yield f"redis://127.0.0.1:{port}/0", directory, port
    embedded.stop_redis_server(directory)


@pytest.fixture
def portal(private_redis):
    url, _, _ = private_redis
    server = PortalServer(base_env(DATABASE_URL=database_url_for_tests(), REDIS_URL=url))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def official_session(portal, region):
    official = RegionMembershipFactory(user__username="olli", region=region).user
    session = portal.sign_in(official.username, PASSWORD)
    session.headers.update({"X-CSRFToken": session.cookies["csrftoken"], "Referer": portal.url + "/reports/"})
    return session


def test_api_request_with_redis_down_fails_the_report_and_it_can_be_retried(portal, private_redis, official_session):
    _, redis_dir, port = private_redis
    embedded.stop_redis_server(redis_dir)

    first = official_session.post(portal.url + "/api/v1/reports/", json={"region": "FI1D"}, timeout=20)
    again = official_session.post(portal.url + "/api/v1/reports/", json={"region": "FI1D"}, timeout=20)

    assert first.status_code == 503, portal.log()
    assert first.json()["detail"].startswith(QUEUE_DOWN)
    assert again.status_code == 503
    reports = list(Report.objects.order_by("pk"))
    assert [r.status for r in reports] == ["failed", "failed"]
    assert reports[0].error.startswith("Could not queue the build: the task queue is unreachable")

    embedded.start_redis_server(redis_dir, port)
    retried = official_session.post(f"{portal.url}/api/v1/reports/{reports[0].pk}/retry/", timeout=20)

    assert (retried.status_code, retried.json()["status"], retried.json()["error"]) == (200, "queued", ""), retried.text
    assert Report.objects.get(pk=reports[0].pk).attempt_id not in ("", reports[0].attempt_id)


def test_page_request_with_redis_down_shows_the_failure_and_retries(portal, private_redis, official_session):
    _, redis_dir, port = private_redis
    embedded.stop_redis_server(redis_dir)

    response = official_session.post(portal.url + "/reports/request/", data={"region": "FI1D"}, timeout=20)

    report = Report.objects.get()
    assert response.status_code == 200, portal.log()
    assert response.url == f"{portal.url}/reports/{report.pk}/"
    assert QUEUE_DOWN in response.text
    assert report.status == "failed"
    assert "Try again" in response.text

    embedded.start_redis_server(redis_dir, port)
    retried = official_session.post(f"{portal.url}/reports/{report.pk}/retry/", timeout=20)

    assert retried.status_code == 200
    assert Report.objects.get(pk=report.pk).status == "queued"
