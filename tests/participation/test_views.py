import pytest
from django.urls import reverse

from participation import services
from participation.models import Comment, Endorsement, ItemChange
from roadmap import services as roadmap_services
from tests.factories import FindingFactory, published_module, seed_theme

pytestmark = pytest.mark.django_db


def test_public_sees_comments_but_not_hidden_ones(client_as, consultation, stakeholder, coordinator):
    services.comment_create(
        consultation=consultation, author=stakeholder, body="Visible **point**", item_code="DATA-01"
    )
    rude = services.comment_create(consultation=consultation, author=stakeholder, body="Rude words here")
    services.comment_hide(comment=rude, reason="Offensive", by=coordinator)

    html = client_as(None).get(consultation.get_absolute_url()).content.decode()

    assert "Visible <strong>point</strong>" in html
    assert "Rude words here" not in html
    assert "Hidden by a moderator: Offensive" in html


def test_comments_are_sanitised_as_the_minutes_are(client_as, consultation, stakeholder):
    client_as(stakeholder).post(
        reverse("participation:comment-create", args=[consultation.pk]),
        {"body": "<script>alert(1)</script>[x](javascript:alert(2)) ok", "item_code": ""},
    )

    html = client_as(None).get(consultation.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html
    assert Comment.objects.count() == 1


def test_honeypot_filled_stores_nothing(client_as, consultation, stakeholder):
    response = client_as(stakeholder).post(
        reverse("participation:comment-create", args=[consultation.pk]), {"body": "buy now", "website": "spam.example"}
    )

    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_empty_comment_keeps_the_page_with_the_error(client_as, consultation, stakeholder):
    response = client_as(stakeholder).post(
        reverse("participation:comment-create", args=[consultation.pk]), {"body": "", "item_code": "DATA-01"}
    )

    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_endorse_toggles(client_as, consultation, stakeholder):
    url = reverse("participation:endorse", args=[consultation.pk, "DATA-01"])
    client_as(stakeholder).post(url)
    assert Endorsement.objects.filter(user=stakeholder, item_code="DATA-01").count() == 1
    client_as(stakeholder).post(url)
    assert Endorsement.objects.count() == 0


def test_change_because_of_comments_shows_on_the_next_published_version(
    client_as, consultation, draft_roadmap, stakeholder, official
):
    comment = services.comment_create(
        consultation=consultation, author=stakeholder, body="Add the biobank", item_code="DATA-01"
    )
    response = client_as(official).post(
        reverse("participation:change-new", args=[consultation.pk]),
        {"item_code": "DATA-01", "description": "The biobank joins in phase 1.", "comments": [comment.pk]},
    )
    assert response.status_code == 302
    change = ItemChange.objects.get()

    client_as(official).post(reverse("participation:consultation-close", args=[consultation.pk]))
    roadmap_services.roadmap_publish(roadmap=draft_roadmap, by=official)
    html = client_as(None).get(reverse("roadmap:region", args=["FI1D"])).content.decode()
    summary = (
        client_as(None).get(reverse("participation:consultation-summary", args=[consultation.pk])).content.decode()
    )

    assert "The biobank joins in phase 1." in html
    assert f"/participate/consultations/{consultation.pk}/summary/#change-{change.pk}" in html
    assert f"#comment-{comment.pk}" in summary


def test_official_of_another_region_cannot_record_changes(client_as, consultation, other_official):
    response = client_as(other_official).get(reverse("participation:change-new", args=[consultation.pk]))
    assert response.status_code == 403


def test_promoted_best_practice_is_evidence_on_its_module_page(client_as, region, coordinator):
    published_module("GEN-01", themes=["DATA"])
    finding = FindingFactory(region=region, theme=seed_theme("DATA"), kind="best_practice", title="Biobank consent")

    response = client_as(coordinator).post(reverse("participation:finding-promote", args=[finding.pk]))
    practice_pk = int(response["Location"].rstrip("/").split("/")[-2])
    client_as(coordinator).post(reverse("participation:best-practice-review", args=[practice_pk, "publish"]))

    html = client_as(None).get(reverse("roadmap:module", args=["GEN-01"])).content.decode()
    search = client_as(None).get(reverse("roadmap:home"), {"q": "biobank"}).content.decode()
    assert "Biobank consent" in html
    assert "Biobank consent" in search


def test_draft_best_practice_is_not_public(client_as, region, coordinator):
    practice = services.best_practice_save(by=coordinator, region=region, title="Secret draft", what_was_done="x")

    assert client_as(None).get(practice.get_absolute_url()).status_code == 404
    assert client_as(coordinator).get(practice.get_absolute_url()).status_code == 200


def test_contacts_shown_only_with_consent(client_as, region, coordinator):
    module = published_module("GEN-01")
    practice = services.best_practice_save(
        by=coordinator,
        region=region,
        title="P",
        what_was_done="x",
        contact_name="Ann Contact",
        contact_email="ann@example.org",
        contact_consent=False,
        modules=[module],
    )
    services.best_practice_publish(practice=practice, by=coordinator)

    assert "ann@example.org" not in client_as(None).get(practice.get_absolute_url()).content.decode()


def test_consultation_page_queries_do_not_grow_with_comments(
    client_as, consultation, stakeholder, official, page_cache_off
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(None)
    url = consultation.get_absolute_url()
    services.comment_create(consultation=consultation, author=stakeholder, body="one")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    parent = Comment.objects.first()
    for n in range(30):
        Comment.objects.create(
            consultation=consultation,
            author=official if n % 2 else stakeholder,
            body=f"c{n}",
            item_code="DATA-01" if n % 3 else "",
            parent=parent if n % 5 == 0 else None,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_interest_in_a_pilot_from_its_page_to_the_reply(client_as, region, stakeholder, official, other_official):
    from tests.factories import PilotFactory

    stakeholder.email = "stella@example.org"
    stakeholder.save()
    PilotFactory(slug="genomes", regions=[region], status="running")
    page = client_as(stakeholder).get(reverse("roadmap:pilot", args=["genomes"])).content.decode()
    anonymous = client_as(None).get(reverse("roadmap:pilot", args=["genomes"])).content.decode()

    response = client_as(stakeholder).post(
        reverse("participation:pilot-interest", args=["genomes"]),
        {"message": "We can host a site", "share_contact": ""},
    )
    interest_url = response["Location"]
    owner_view = client_as(official).get(interest_url).content.decode()
    outsider = client_as(other_official).get(interest_url)
    client_as(official).post(interest_url, {"reply": "Welcome aboard", "share_contact": "on"})

    assert "/participate/pilots/genomes/interest/" in page
    assert "/participate/pilots/genomes/interest/" not in anonymous
    assert "We can host a site" in owner_view
    assert "stella@example.org" not in owner_view
    assert outsider.status_code == 404
    assert "Welcome aboard" in client_as(stakeholder).get(interest_url).content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_library_and_consultation_lists_take_the_same_queries_for_more_rows(
    client_as, region, other_region, coordinator, consultation, page_cache_off
):
    module = published_module("GEN-01")
    client = client_as(None)

    def publish(n, where):
        practice = services.best_practice_save(
            by=coordinator, region=where, title=f"Practice {n}", what_was_done="x", modules=[module]
        )
        services.best_practice_publish(practice=practice, by=coordinator)

    publish(0, region)
    few = (
        _queries(client, reverse("participation:best-practices")),
        _queries(client, reverse("participation:consultations")),
    )
    for n in range(1, 6):
        publish(n, other_region if n % 2 else region)

    many = (
        _queries(client, reverse("participation:best-practices")),
        _queries(client, reverse("participation:consultations")),
    )
    assert many == few


def test_main_navigation_links_to_the_participation_pages_and_marks_them_current(client_as, page_cache_off):
    home = client_as(None).get("/").content.decode()
    consultations = client_as(None).get(reverse("participation:consultations")).content.decode()
    practices = client_as(None).get(reverse("participation:best-practices")).content.decode()

    link = '<a href="/participate/consultations/"'
    assert f"{link}>Take part</a>" in home
    assert f'{link} aria-current="page">Take part</a>' in consultations
    assert f'{link} aria-current="page">Take part</a>' in practices
