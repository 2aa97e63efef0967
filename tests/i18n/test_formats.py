"""Numbers and dates follow the reader's language (Django's locale formats), cached fragments included."""

from datetime import UTC, datetime

import pytest
from django.conf import settings

from accounts.models import User
from tests.factories import UserFactory
from tests.factories.workshops import EventFactory
from tests.regions.test_statistics_profile import imported  # noqa: F401  (fixture)
from workshops.models import Event

pytestmark = pytest.mark.django_db


def test_german_profile_groups_digits_the_german_way(client, imported):  # noqa: F811
    english = client.get("/regions/FI1D/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    german = client.get("/regions/FI1D/").content.decode()

    assert "1,272,126" in english
    assert "1.272.126" in german
    assert "1,272,126" not in german


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "14. Dezember 2030"), ("fr", "14 décembre 2030"), ("es", "14 de diciembre de 2030")],
)
def test_dashboard_dates_in_the_readers_language(client_as, language, expected):
    coordinator = UserFactory(role=User.Role.COORDINATOR, language=language)
    EventFactory(
        title="Genomics days",
        status=Event.Status.PLANNED,
        starts_at=datetime(2030, 12, 14, 9, tzinfo=UTC),
        ends_at=datetime(2030, 12, 14, 15, tzinfo=UTC),
    )

    page = client_as(coordinator).get("/accounts/dashboard/").content.decode()

    assert expected in page
