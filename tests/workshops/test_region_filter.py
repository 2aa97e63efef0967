import pytest

from tests.factories import EventFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    ita = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi")
    ile = RegionFactory(code="FR10", name="Île-de-France", country_code="FR")
    EventFactory(title="Oulu visit", host_regions=[ita])
    EventFactory(title="Paris workshop", host_regions=[ile])


@pytest.mark.parametrize(
    "typed, shown, hidden",
    [
        ("FI1D", "Oulu visit", "Paris workshop"),
        ("fi1d", "Oulu visit", "Paris workshop"),
        ("Ita-Suomi", "Oulu visit", "Paris workshop"),
        ("ile-de-france", "Paris workshop", "Oulu visit"),
        ("Île-de-France", "Paris workshop", "Oulu visit"),
    ],
)
def test_calendar_region_filter_takes_a_code_or_a_name_without_accents(client, events, typed, shown, hidden):
    body = client.get("/events/", {"region": typed}).content.decode()

    assert shown in body and hidden not in body


def test_calendar_region_filter_naming_no_region_shows_no_event(client, events):
    body = client.get("/events/", {"region": "Atlantis"}).content.decode()

    assert "Oulu visit" not in body and "Paris workshop" not in body
