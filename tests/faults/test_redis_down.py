"""Redis stops: pages are still served, sign-in still works, /health/ says what is wrong, emails are not lost.

The drill runs its own redis-server and its own portal process; the shared Redis is never touched.
"""

import pytest
from django.conf import settings

from saphire import embedded
from tests.factories import PASSWORD, RegionMembershipFactory
from tests.faults.servers import PortalServer, base_env, manage
from tests.helpers import database_url_for_tests, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_redis(tmp_path):
    directory = tmp_path / "redis"
    port = embedded.free_port()
    embedded.start_redis_server(directory, port)
    yield f"redis://127.0.0.1:{port}/0", directory
    embedded.stop_redis_server(directory)


@pytest.fixture
def portal(private_redis):
    url, _ = private_redis
    server = PortalServer(base_env(DATABASE_URL=database_url_for_tests(), REDIS_URL=url))
    server.start()
    yield server
    server.stop()


def test_pages_and_sign_in_survive_redis_stopping(portal, private_redis):
    _, redis_dir = private_redis
    official = RegionMembershipFactory(user__username="olli").user
    assert portal.sign_in(official.username, PASSWORD).get(portal.url + "/accounts/dashboard/").status_code == 200

    embedded.stop_redis_server(redis_dir)

    anonymous = portal.session()
    assert anonymous.get(portal.url + "/", timeout=10).status_code == 200
    assert anonymous.get(portal.url + "/accounts/login/", timeout=10).status_code == 200
    signed_in = portal.sign_in(official.username, PASSWORD)
    dashboard = signed_in.get(portal.url + "/accounts/dashboard/", timeout=10)
    assert dashboard.status_code == 200, portal.log()
    assert "olli" in dashboard.text


def test_health_names_redis_when_it_is_down(portal, private_redis):
    _, redis_dir = private_redis

    embedded.stop_redis_server(redis_dir)
    response = portal.session().get(portal.url + "/health/", timeout=10)

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["redis"].startswith("redis unreachable")


def test_email_queued_while_redis_is_down_is_still_sent(private_redis, tmp_path):
    url, redis_dir = private_redis
    embedded.stop_redis_server(redis_dir)
    mail_dir = tmp_path / "emails"
    env = base_env(
        DATABASE_URL=database_url_for_tests(),
        REDIS_URL=url,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )

    manage(
        env,
        "shell",
        "-c",
        "from django.db import transaction\n"
        "from saphire.mail import email_queue\n"
        "with transaction.atomic():\n"
        "    email_queue(subject='Workshop in Oulu', body='See you there.', recipients=['olli@example.eu'])\n",
    )

    sent = wait_for(lambda: list(mail_dir.glob("*.log")), timeout=10)
    assert "Subject: Workshop in Oulu" in sent[0].read_text()


def test_settings_keep_redis_failures_short():
    """A dead Redis must cost a request at most a second or two, never a hang."""
    options = settings.CACHES["default"]["OPTIONS"]

    assert options["socket_connect_timeout"] <= 2
    assert options["socket_timeout"] <= 5
