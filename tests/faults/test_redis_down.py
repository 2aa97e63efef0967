"""Redis stops: pages are still served, sign-in still works, /health/ says what is wrong, emails are not lost.

The drill runs its own two redis-servers (the broker's and the cache's) and its own portal process; the
shared Redis servers are never touched.
"""

import time

import pytest
from django.conf import settings
from django.utils import timezone

from reports.models import Report
from saphire import embedded
from tests.factories import (
    PASSWORD,
    EventFactory,
    PilotFactory,
    RegionFactory,
    RegionMembershipFactory,
    ReportFactory,
    published_module,
)
from tests.faults.servers import PortalServer, base_env, manage
from tests.helpers import database_url_for_tests, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_redis(tmp_path):
    directory = tmp_path / "redis"
    port = embedded.free_port()
    embedded.start_redis_server(directory, port, embedded.BROKER)
    yield f"redis://127.0.0.1:{port}/0", directory
    embedded.stop_redis_server(directory)


@pytest.fixture
def private_cache(tmp_path):
    directory = tmp_path / "redis-cache"
    port = embedded.free_port()
    embedded.start_redis_server(directory, port, embedded.CACHE)
    yield f"redis://127.0.0.1:{port}/0", directory
    embedded.stop_redis_server(directory)


@pytest.fixture
def portal(private_redis, private_cache):
    env = base_env(DATABASE_URL=database_url_for_tests(), REDIS_URL=private_redis[0], CACHE_REDIS_URL=private_cache[0])
    server = PortalServer(env)
    server.start()
    yield server
    server.stop()


def stop_both(private_redis, private_cache) -> None:
    embedded.stop_redis_server(private_redis[1])
    embedded.stop_redis_server(private_cache[1])


def test_pages_and_sign_in_survive_redis_stopping(portal, private_redis, private_cache):
    official = RegionMembershipFactory(user__username="olli").user
    assert portal.sign_in(official.username, PASSWORD).get(portal.url + "/accounts/dashboard/").status_code == 200

    stop_both(private_redis, private_cache)

    anonymous = portal.session()
    assert anonymous.get(portal.url + "/", timeout=10).status_code == 200
    assert anonymous.get(portal.url + "/accounts/login/", timeout=10).status_code == 200
    signed_in = portal.sign_in(official.username, PASSWORD)
    dashboard = signed_in.get(portal.url + "/accounts/dashboard/", timeout=10)
    assert dashboard.status_code == 200, portal.log()
    assert "olli" in dashboard.text


def test_health_names_redis_when_it_is_down(portal, private_redis, private_cache):
    stop_both(private_redis, private_cache)
    response = portal.session().get(portal.url + "/health/", timeout=10)

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["redis"].startswith("redis unreachable")
    assert response.json()["checks"]["cache"].startswith("cache unreachable")


PUBLIC_PAGES = [
    "/",
    "/regions/",
    "/regions/FI1D/",
    "/regions/map/",
    "/regions/map/?level=3",
    "/regions/organisations/",
    "/regions/organisations/network/",
    "/regions/FI1D/network/",
    "/events/",
    "/events/?view=month",
    "/events/{event}/",
    "/mapping/themes/",
    "/mapping/findings/",
    "/mapping/results/",
    "/mapping/results/map/",
    "/mapping/results/regions/FI1D/",
    "/roadmap/",
    "/roadmap/dependencies/",
    "/roadmap/regions/FI1D/",
    "/roadmap/regions/FI1D/partners/",
    "/pilots/",
    "/pilots/{pilot}/",
    "/roadmap/modules/GOV-01/",
    "/reports/",
    "/reports/{report}/",
]


def test_public_pages_render_uncached_and_quickly_with_the_cache_stopped(portal, private_redis, private_cache):
    from roadmap import services

    module = published_module("GOV-01", title="Regional personalised medicine strategy")
    region = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi")
    roadmap = services.roadmap_for_region(region=region)
    services.roadmap_item_add(roadmap=roadmap, module=module, phase=1, lock_version=None, by=None)
    services.roadmap_publish(roadmap=roadmap, by=None)
    pilot = PilotFactory(title="Genomic newborn screening pilot")
    event = EventFactory(host_regions=[region], title="Genomics workshop")
    report = ReportFactory(region=region, status=Report.Status.DONE, published_at=timezone.now())
    paths = [path.format(event=event.pk, report=report.pk, pilot=pilot.slug) for path in PUBLIC_PAGES]
    anonymous = portal.session()
    for path in paths:  # cached while Redis is up
        assert anonymous.get(portal.url + path, timeout=10).status_code == 200

    stop_both(private_redis, private_cache)

    started = time.monotonic()
    for path in paths * 3:
        response = portal.session().get(portal.url + path, params={"utm": "drill"}, timeout=10)
        assert response.status_code == 200, f"{path}: {response.status_code}\n{portal.log()}"
    assert "Genomic newborn screening pilot" in portal.session().get(portal.url + "/pilots/", timeout=10).text
    # One short connect timeout notices the outage; later requests skip the cache without waiting.
    assert time.monotonic() - started < 30


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

    assert options["socket_connect_timeout"] <= 1
    assert options["socket_timeout"] <= 2
