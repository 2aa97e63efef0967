"""Redis stops: sign-in on the page and POST /api/v1/auth/token/ still work (the throttle fails open), and
password reset requests are still answered. The drill runs its own redis-server and its own portal process.
"""

import pytest

from saphire import embedded
from tests.factories import PASSWORD, UserFactory
from tests.faults.servers import PortalServer, base_env
from tests.helpers import database_url_for_tests

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal_with_stopped_redis(tmp_path):
    directory = tmp_path / "redis"
    port = embedded.free_port()
    embedded.start_redis_server(directory, port)
    server = PortalServer(
        base_env(
            DATABASE_URL=database_url_for_tests(),
            REDIS_URL=f"redis://127.0.0.1:{port}/0",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
    )
    server.start()
    embedded.stop_redis_server(directory)
    yield server
    server.stop()


def test_sign_in_and_tokens_survive_redis_stopping(portal_with_stopped_redis):
    portal = portal_with_stopped_redis
    UserFactory(username="olli", email="olli@example.eu")
    token_url = portal.url + "/api/v1/auth/token/"

    wrong = portal.session().post(token_url, json={"username": "olli", "password": "wrong"}, timeout=10)
    right = portal.session().post(token_url, json={"username": "olli", "password": PASSWORD}, timeout=10)
    me = portal.session().get(
        portal.url + "/api/v1/me/", headers={"Authorization": f"Token {right.json()['token']}"}, timeout=10
    )
    signed_in = portal.sign_in("olli", PASSWORD)  # asserts the page's 302
    reset = signed_in.post(
        portal.url + "/accounts/password/reset/",
        data={"email": "olli@example.eu", "csrfmiddlewaretoken": signed_in.cookies["csrftoken"]},
        headers={"Referer": portal.url + "/accounts/password/reset/"},
        allow_redirects=False,
        timeout=10,
    )

    assert wrong.status_code == 400, portal.log()
    assert right.status_code == 200, portal.log()
    assert me.status_code == 200
    assert reset.status_code == 302, portal.log()
