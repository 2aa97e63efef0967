"""Bad files and oversized input: a clear error that says what to fix, and nothing written."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from regions.models import Region
from tests.factories import RegionFactory
from tests.factories.workshops import EventFactory
from workshops.models import Attachment

pytestmark = pytest.mark.django_db


def feature(code: str, name: str, geometry=None) -> dict:
    return {
        "type": "Feature",
        "properties": {"NUTS_ID": code, "LEVL_CODE": len(code) - 2, "CNTR_CODE": code[:2], "NAME_LATN": name},
        "geometry": geometry,
    }


def test_nuts_import_with_a_bad_feature_names_it_and_imports_nothing(tmp_path):
    RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    before = list(Region.objects.values_list("code", "name"))
    broken = {"type": "Polygon", "coordinates": [[["east", "north"]]]}
    path = tmp_path / "NUTS_RG_60M_2021_4326.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    feature("FI", "Suomi / Finland"),
                    feature("FI1", "Manner-Suomi"),
                    feature("FI1B", "Helsinki-Uusimaa", broken),
                ],
            }
        )
    )

    with pytest.raises(CommandError) as error:
        call_command("import_nuts", str(path), "--version", "2021")

    assert "feature 3 (FI1B)" in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert list(Region.objects.values_list("code", "name")) == before


def test_nuts_import_of_a_truncated_real_file_imports_nothing(tmp_path, shared_data_dir):
    real = shared_data_dir / "nuts" / "NUTS_RG_60M_2021_4326.geojson"
    if not real.exists():
        pytest.skip(f"real NUTS file not present at {real}")
    content = real.read_bytes()
    path = tmp_path / real.name
    path.write_bytes(content[: len(content) // 2])

    with pytest.raises(CommandError) as error:
        call_command("import_nuts", str(path), "--version", "2021")

    assert "is not valid GeoJSON" in str(error.value)
    assert Region.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.exe", b"MZ\x90\x00", "are not accepted"),
        ("minutes.pdf", b"", "empty"),
    ],
)
def test_bad_attachment_upload_is_refused_with_the_reason_and_nothing_stored(
    client_as, coordinator, name, content, message
):
    event = EventFactory(coordinators=[coordinator])

    response = client_as(coordinator).post(
        reverse("workshops:event-outcomes", kwargs={"pk": event.pk}),
        {"action": "attachment", "title": "Minutes", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Attachment.objects.count() == 0


def test_oversized_form_is_refused_with_400_not_a_crash(client):
    response = client.post(reverse("accounts:login"), {"username": "x" * (6 * 1024 * 1024), "password": "x"})

    assert response.status_code == 400
