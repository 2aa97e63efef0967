"""Stored files go out only through views that check permission, never as static media."""

import importlib
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve

from reports import services as report_services
from tests.factories import EventFactory, RegistrationFactory
from workshops.models import Attachment, Event

pytestmark = pytest.mark.django_db


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def media_root(settings):
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def draft_report(region, coordinator):
    report, _ = report_services.report_request(region=region, requested_by=coordinator)
    built = report_services.report_build(report_id=report.pk)
    assert built.status == "done", built.error
    return built


@pytest.fixture
def restricted_attachment(client_as, coordinator, region):
    """An attachment uploaded by a coordinator to an event that is not public yet."""
    event = EventFactory(status=Event.Status.PLANNED, host_regions=[region])
    client_as(coordinator).post(
        f"/events/{event.pk}/outcomes/",
        {"action": "attachment", "title": "Draft minutes", "file": SimpleUploadedFile("minutes.txt", b"Draft text")},
    )
    return Attachment.objects.get(event=event)


def _download(client, attachment: Attachment):
    return client.get(f"/events/{attachment.event_id}/attachments/{attachment.pk}/")


def test_media_root_has_no_url_even_in_development(settings, draft_report):
    import saphire.urls

    settings.DEBUG = True
    try:
        importlib.reload(saphire.urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve("/" + settings.MEDIA_URL + draft_report.pdf_path)
    finally:
        settings.DEBUG = False
        importlib.reload(saphire.urls)
        clear_url_caches()


@pytest.mark.parametrize("who", ["anonymous", "other_official", "stakeholder"])
def test_unpublished_report_file_is_refused(draft_report, client_as, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    for url in (
        f"/reports/{draft_report.pk}/pdf",
        f"/reports/{draft_report.pk}/html",
        f"/api/v1/reports/{draft_report.pk}/pdf",
        f"/api/v1/reports/{draft_report.pk}/html",
    ):
        assert client_as(user).get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["official", "coordinator"])
def test_unpublished_report_file_is_sent_to_its_region_and_coordinators(draft_report, client_as, request, who):
    response = client_as(request.getfixturevalue(who)).get(f"/reports/{draft_report.pk}/pdf")

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Cache-Control"] == "private, no-cache"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_report_files_are_written_for_owner_and_group_only(draft_report, media_root):
    pdf = media_root / draft_report.pdf_path

    assert mode(pdf) == 0o640
    assert mode(media_root / draft_report.html_path) == 0o640
    assert [mode(d) for d in (pdf.parent, pdf.parent.parent, media_root / "reports")] == [0o750] * 3


@pytest.mark.parametrize("who", ["anonymous", "other_official", "stakeholder", "official"])
def test_restricted_attachment_is_refused(restricted_attachment, client_as, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    assert _download(client_as(user), restricted_attachment).status_code == 404


def test_restricted_attachment_is_sent_to_coordinators_and_registrants(
    restricted_attachment, client_as, coordinator, stakeholder
):
    RegistrationFactory(event=restricted_attachment.event, user=stakeholder)

    for user in (coordinator, stakeholder):
        response = _download(client_as(user), restricted_attachment)
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="minutes.txt"'
        assert b"".join(response.streaming_content) == b"Draft text"


def test_public_event_attachment_is_sent_to_anyone_and_linked_through_the_view(
    restricted_attachment, client_as, coordinator
):
    Event.objects.filter(pk=restricted_attachment.event_id).update(status=Event.Status.CONFIRMED)

    page = client_as(None).get(f"/events/{restricted_attachment.event_id}/").content.decode()
    response = _download(client_as(None), restricted_attachment)

    assert f'href="/events/{restricted_attachment.event_id}/attachments/{restricted_attachment.pk}/"' in page
    assert "/media/" not in page
    assert response.status_code == 200


def test_attachment_of_another_event_is_not_found(restricted_attachment, client_as, coordinator):
    other = EventFactory()

    response = client_as(coordinator).get(f"/events/{other.pk}/attachments/{restricted_attachment.pk}/")

    assert response.status_code == 404


def test_uploads_are_written_for_owner_and_group_only(restricted_attachment, settings):
    path = Path(settings.MEDIA_ROOT) / restricted_attachment.file.name

    assert mode(path) == 0o640
    assert mode(path.parent) == 0o750


def test_behind_a_proxy_the_view_names_the_file_for_it_to_send(
    restricted_attachment, draft_report, client_as, coordinator, settings
):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media"

    attachment = _download(client_as(coordinator), restricted_attachment)
    report = client_as(coordinator).get(f"/reports/{draft_report.pk}/pdf")
    refused = _download(client_as(None), restricted_attachment)

    assert attachment["X-Accel-Redirect"] == f"/protected-media/{restricted_attachment.file.name}"
    assert attachment.content == b""
    assert attachment["Content-Disposition"] == 'attachment; filename="minutes.txt"'
    assert report["X-Accel-Redirect"] == f"/protected-media/{draft_report.pdf_path}"
    assert report["Content-Type"] == "application/pdf"
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
