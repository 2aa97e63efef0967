import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_session_ends_within_twelve_hours(client):
    UserFactory(username="olli")

    client.post(reverse("accounts:login"), {"username": "olli", "password": PASSWORD})

    assert "_auth_user_id" in client.session
    assert 0 < client.session.get_expiry_age() <= 12 * 3600
