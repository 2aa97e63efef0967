import pytest
from django.urls import reverse

from mapping import services
from mapping.models import Answer, Question, Response, ReviewComment
from tests.factories import RegionFactory, RegionMembershipFactory
from tests.mapping.conftest import COMPLETE, q

pytestmark = pytest.mark.django_db


def answer_url(response, question):
    return reverse("mapping:response-answer", kwargs={"pk": response.pk, "question_pk": question.pk})


def test_official_opens_campaign_and_fills_in(client_as, official, campaign, region):
    client = client_as(official)

    opened = client.post(reverse("mapping:response-open", kwargs={"campaign_pk": campaign.pk, "code": region.code}))
    response = Response.objects.get(campaign=campaign, region=region)
    assert opened.url == reverse("mapping:response-fill", kwargs={"pk": response.pk})

    page = client.get(opened.url)
    assert page.status_code == 200
    assert "Are health records interoperable?" in page.content.decode()


def test_fill_page_in_french_shows_translations(client_as, official, response):
    client = client_as(official)
    client.cookies["django_language"] = "fr"

    page = client.get(reverse("mapping:response-fill", kwargs={"pk": response.pk}), HTTP_ACCEPT_LANGUAGE="fr")

    assert "Les dossiers de santé sont-ils interopérables ?" in page.content.decode()


def test_fill_page_in_french_marks_questions_without_french(client_as, official, response, version):
    client = client_as(official)

    body = client.get(
        reverse("mapping:response-fill", kwargs={"pk": response.pk}), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    translated = body.split("Les dossiers de santé sont-ils interopérables ?")[1].split("</legend>")[0]
    assert "content-fallback" not in translated
    assert (
        '<span lang="en">Is there a regional genomic data registry?</span> '
        '<span class="content-fallback">(Anglais)</span>' in body
    )


def test_htmx_save_returns_saved_state_and_revision(client_as, official, response, version):
    client = client_as(official)

    reply = client.post(answer_url(response, version.ehr), {"value": "4", "revision": "0"}, HTTP_HX_REQUEST="true")

    body = reply.content.decode()
    assert reply.status_code == 200
    assert f'value="1" id="q-{version.ehr.pk}-rev"' in body
    assert reply.headers["X-Answer-Revision"] == "1"
    assert "save-ok" in body
    assert Answer.objects.get(response=response).value == 4


def test_htmx_unchanged_save_keeps_the_revision_the_next_save_builds_on(client_as, official, response, version):
    # A client that counts its own saves (instead of reading the server's revision) gets the third
    # save refused: saving an unchanged value does not make a new revision.
    client = client_as(official)
    url = answer_url(response, version.ehr)
    first = client.post(url, {"value": "3", "revision": "0"}, HTTP_HX_REQUEST="true")

    again = client.post(url, {"value": "3", "revision": first.headers["X-Answer-Revision"]}, HTTP_HX_REQUEST="true")
    changed = client.post(url, {"value": "1", "revision": again.headers["X-Answer-Revision"]}, HTTP_HX_REQUEST="true")

    assert (first.status_code, again.status_code, changed.status_code) == (200, 200, 200)
    assert again.headers["X-Answer-Revision"] == first.headers["X-Answer-Revision"]
    answer = Answer.objects.get(response=response)
    assert (answer.value, str(answer.revision)) == (1, changed.headers["X-Answer-Revision"])


def test_htmx_bad_value_keeps_nothing_and_says_what_to_fix(client_as, official, response, version):
    client = client_as(official)

    reply = client.post(
        answer_url(response, q(version, "DATA-3")), {"value": "lots", "revision": "0"}, HTTP_HX_REQUEST="true"
    )

    assert reply.status_code == 422
    assert "Enter a number, for example 12 or 3.5." in reply.content.decode()
    assert reply.headers["X-Answer-Revision"] == "0"
    assert not Answer.objects.exists()


def test_page_bad_value_without_js_rerenders_with_typed_value(client_as, official, response, version):
    client = client_as(official)
    services.answer_save(response=response, question=q(version, "DATA-2"), value="yes", base_revision=0, by=official)

    reply = client.post(answer_url(response, q(version, "DATA-3")), {"value": "2000", "revision": "0"})

    body = reply.content.decode()
    assert reply.status_code == 400
    assert "Enter a number between 0 and 1000." in body
    assert 'value="2000"' in body


def test_htmx_stale_save_shows_both_values(client_as, official, response, version, region):
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    services.answer_save(response=response, question=version.ehr, value="2", base_revision=0, by=colleague)

    reply = client_as(official).post(
        answer_url(response, version.ehr), {"value": "5", "revision": "0"}, HTTP_HX_REQUEST="true"
    )

    body = reply.content.decode()
    assert reply.status_code == 409
    assert reply.headers["X-Answer-Revision"] == "1"
    assert "someone changed this answer meanwhile" in body
    assert "2 · To a small extent" in body and "5 · Fully" in body
    assert "kaisa" in body
    assert Answer.objects.get(response=response).value == 2


def test_conditional_question_appears_out_of_band(client_as, official, response, version):
    dependent = q(version, "DATA-3")

    reply = client_as(official).post(
        answer_url(response, q(version, "DATA-2")), {"value": "yes", "revision": "0"}, HTTP_HX_REQUEST="true"
    )

    body = reply.content.decode()
    assert f'id="q-{dependent.pk}"' in body
    assert f'id="q-{dependent.pk}" hidden' not in body


def test_other_regions_official_is_refused(client_as, other_official, response, version):
    client = client_as(other_official)

    assert client.get(reverse("mapping:response-fill", kwargs={"pk": response.pk})).status_code == 404
    assert client.post(answer_url(response, version.ehr), {"value": "4", "revision": "0"}).status_code == 404
    assert client.post(reverse("mapping:response-submit", kwargs={"pk": response.pk})).status_code == 404
    assert not Answer.objects.exists()


def test_coordinator_cannot_answer_for_a_region(client_as, coordinator, response, version):
    reply = client_as(coordinator).post(answer_url(response, version.ehr), {"value": "4", "revision": "0"})
    assert reply.status_code == 403


def test_submit_incomplete_lists_missing(client_as, official, response, version):
    client = client_as(official)

    reply = client.post(reverse("mapping:response-submit", kwargs={"pk": response.pk}))
    page = client.get(reply.url)

    body = page.content.decode()
    assert "Still to answer before submitting" in body
    for code in ["DATA-1", "DATA-2", "EDU-1", "EDU-2"]:
        assert code in body
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT


def fill_complete(response, version, by):
    for code, value in COMPLETE.items():
        services.answer_save(response=response, question=q(version, code), value=value, base_revision=0, by=by)


def test_review_return_and_accept(client_as, official, coordinator, response, version):
    fill_complete(response, version, official)
    client_as(official).post(reverse("mapping:response-submit", kwargs={"pk": response.pk}))
    coordinator_client = client_as(coordinator)
    review_url = reverse("mapping:response-review", kwargs={"pk": response.pk})

    assert coordinator_client.get(review_url).status_code == 200
    reply = coordinator_client.post(review_url, {f"comment-{version.ehr.pk}": "Which source?", "comment": ""})
    assert reply.status_code == 302
    assert ReviewComment.objects.get().text == "Which source?"
    page = client_as(official).get(reverse("mapping:response-fill", kwargs={"pk": response.pk}))
    assert "Which source?" in page.content.decode()

    answer = Answer.objects.get(response=response, question=version.ehr)
    client_as(official).post(answer_url(response, version.ehr), {"value": "5", "revision": answer.revision})
    client_as(official).post(reverse("mapping:response-submit", kwargs={"pk": response.pk}))
    coordinator_client.post(reverse("mapping:response-accept", kwargs={"pk": response.pk}))

    response.refresh_from_db()
    assert response.status == Response.Status.ACCEPTED


def test_official_cannot_review(client_as, official, response, version):
    fill_complete(response, version, official)
    services.response_submit(response=response, by=official)

    assert client_as(official).post(reverse("mapping:response-accept", kwargs={"pk": response.pk})).status_code == 403
    reply = client_as(official).post(
        reverse("mapping:response-review", kwargs={"pk": response.pk}), {f"comment-{version.ehr.pk}": "x"}
    )
    assert reply.status_code == 403


def test_submitted_response_is_read_only_on_the_page(client_as, official, response, version):
    fill_complete(response, version, official)
    services.response_submit(response=response, by=official)

    reply = client_as(official).post(
        answer_url(response, version.ehr), {"value": "1", "revision": "1"}, HTTP_HX_REQUEST="true"
    )

    assert reply.status_code == 409
    assert "read-only" in reply.content.decode()
    assert Answer.objects.get(response=response, question=version.ehr).value == 4


def test_disagreements_shown_to_coordinator(client_as, official, coordinator, response, version, region):
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    services.answer_save(response=response, question=version.ehr, value="2", base_revision=0, by=colleague)
    services.answer_save(response=response, question=version.ehr, value="4", base_revision=1, by=official)

    page = client_as(coordinator).get(reverse("mapping:response-review", kwargs={"pk": response.pk}))

    body = page.content.decode()
    assert "gave different answers to 1 question" in body
    assert "kaisa" in body


def test_frozen_version_refuses_question_edit_by_post(client_as, coordinator, version):
    url = reverse("mapping:question-edit", kwargs={"version_pk": version.pk, "pk": version.ehr.pk})

    reply = client_as(coordinator).post(url, {"text": "Changed"})

    assert reply.status_code == 403
    version.ehr.refresh_from_db()
    assert version.ehr.text == "Are health records interoperable?"


def test_builder_creates_question_with_options_and_translation(client_as, coordinator, version):
    draft = services.version_copy(version=version)
    section = draft.sections.first()
    url = reverse("mapping:question-create", kwargs={"version_pk": draft.pk})

    reply = client_as(coordinator).post(
        url,
        {
            "section": section.pk,
            "code": "DATA-9",
            "kind": "single",
            "text": "Which cloud?",
            "text_fr": "Quel nuage ?",
            "weight": "1",
            "required": "on",
            "options": "eu | EU cloud | 100 | Nuage européen\nnone | None | 0",
        },
    )

    assert reply.status_code == 302
    question = draft.questions.get(code="DATA-9")
    assert question.options == [
        {"value": "eu", "label": "EU cloud", "score": 100.0},
        {"value": "none", "label": "None", "score": 0.0},
    ]
    assert (question.text_en, question.text_fr) == ("Which cloud?", "Quel nuage ?")
    assert question.option_labels_fr == {"eu": "Nuage européen"}


def test_builder_bad_options_keep_the_form(client_as, coordinator, version):
    draft = services.version_copy(version=version)
    url = reverse("mapping:question-create", kwargs={"version_pk": draft.pk})

    reply = client_as(coordinator).post(
        url,
        {
            "section": draft.sections.first().pk,
            "code": "X-1",
            "kind": "single",
            "text": "Typed text",
            "weight": "1",
            "options": "only-one | One | lots",
        },
    )

    body = reply.content.decode()
    assert reply.status_code == 400
    assert "the score must be a number from 0 to 100" in body
    assert "Typed text" in body


def test_version_pages_for_coordinator_only(client_as, coordinator, official, version):
    draft = services.version_copy(version=version)
    assert client_as(coordinator).get(reverse("mapping:version-detail", kwargs={"pk": version.pk})).status_code == 200
    diff = client_as(coordinator).get(reverse("mapping:version-diff", kwargs={"pk": draft.pk, "other_pk": version.pk}))
    assert diff.status_code == 200
    assert client_as(official).get(reverse("mapping:version-detail", kwargs={"pk": version.pk})).status_code == 403


def test_campaign_create_page(client_as, coordinator, version, region, other_region):
    reply = client_as(coordinator).post(
        reverse("mapping:campaign-create"),
        {
            "title": "Spring",
            "version": version.pk,
            "opens_on": "2026-03-01",
            "deadline": "2026-02-01",
            "region_codes": "FI1D, XX99",
        },
    )

    body = reply.content.decode()
    assert reply.status_code == 400
    assert "Unknown region codes: XX99." in body
    assert "The deadline must be on or after the opening date." in body


def test_campaign_board_states(client_as, coordinator, official, campaign, response, version, region, other_region):
    services.answer_save(response=response, question=version.ehr, value="4", base_revision=0, by=official)

    page = client_as(coordinator).get(reverse("mapping:campaign-detail", kwargs={"pk": campaign.pk}))

    body = page.content.decode()
    assert page.status_code == 200
    assert "In progress" in body and "Not started" in body
    assert "25%" in body


def test_campaign_board_constant_queries(client_as, coordinator, campaign, django_assert_num_queries):
    client = client_as(coordinator)
    url = reverse("mapping:campaign-detail", kwargs={"pk": campaign.pk})
    client.get(url)
    with django_assert_num_queries(5) as few:
        client.get(url)
    for n in range(30):
        # Greek names are transliterations: the name's tag also reads the Greek script to mark them.
        region = RegionFactory(code=f"DE{n:02d}") if n % 3 else RegionFactory(code=f"EL{n:02d}", name_national="Κρήτη")
        campaign.regions.add(region)
        if n % 2:
            Response.objects.create(campaign=campaign, region=region, progress=50)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_fill_page_constant_queries(client_as, official, response, version, django_assert_num_queries):
    client = client_as(official)
    url = reverse("mapping:response-fill", kwargs={"pk": response.pk}) + "?section=2"
    client.get(url)
    with django_assert_num_queries(7) as few:
        client.get(url)
    fill_complete(response, version, official)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_heatmap_page_public_shows_only_accepted(client, official, coordinator, response, version, campaign):
    fill_complete(response, version, official)
    page = client.get(reverse("mapping:heatmap") + f"?campaign={campaign.pk}")
    assert "No accepted response matches" in page.content.decode()

    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)
    page = client.get(reverse("mapping:heatmap") + f"?campaign={campaign.pk}&sort=DATA")

    body = page.content.decode()
    assert "FI1D" in body
    assert "Σ(weight × answer score)" in body


def test_heatmap_page_constant_queries(
    client, official, coordinator, campaign, version, django_assert_num_queries, page_cache_off
):
    url = reverse("mapping:heatmap") + f"?campaign={campaign.pk}"
    client.get(url)
    with django_assert_num_queries(4) as few:
        client.get(url)
    for n in range(4):
        region = RegionFactory(code=f"SE{n}1")
        campaign.regions.add(region)
        response = Response.objects.create(campaign=campaign, region=region)
        fill_complete(response, version, official)
        services.response_submit(response=response, by=official)
        services.response_accept(response=response, by=coordinator)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_region_results_page(client, official, coordinator, response, version, region):
    fill_complete(response, version, official)
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)

    page = client.get(reverse("mapping:region-results", kwargs={"code": region.code}))

    assert page.status_code == 200
    assert "See the answers" not in page.content.decode()


def test_exports_wide_and_long(client_as, coordinator, official, response, version, campaign):
    fill_complete(response, version, official)
    client = client_as(coordinator)

    wide = client.get(reverse("mapping:campaign-export", kwargs={"pk": campaign.pk, "fmt": "csv"}) + "?shape=wide")
    text = b"".join(wide.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == (
        "region_code,region_name,country,status,progress_percent,submitted_at (Europe/Brussels),"
        "DATA-1,DATA-2,DATA-3,EDU-1,EDU-2,EDU-3"
    )
    assert lines[1].startswith("FI1D,")
    assert lines[1].endswith(",4,yes,120,some,md,")

    long = client.get(reverse("mapping:campaign-export", kwargs={"pk": campaign.pk, "fmt": "csv"}) + "?shape=long")
    assert len(b"".join(long.streaming_content).decode("utf-8-sig").strip().splitlines()) == 1 + len(COMPLETE)

    xlsx = client.get(reverse("mapping:campaign-export", kwargs={"pk": campaign.pk, "fmt": "xlsx"}) + "?shape=wide")
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_exports_refused_to_officials(client_as, official, campaign):
    url = reverse("mapping:campaign-export", kwargs={"pk": campaign.pk, "fmt": "csv"})
    assert client_as(official).get(url).status_code == 403


def test_findings_suggest_confirm_dismiss(client_as, coordinator, official, response, version, campaign, region):
    from mapping.models import Finding, FindingRule

    FindingRule.objects.create(theme=None, comparison="below", threshold=60, kind="gap", severity=4)
    fill_complete(response, version, official)
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)
    client = client_as(coordinator)

    client.post(reverse("mapping:campaign-suggest", kwargs={"pk": campaign.pk}))
    client.post(reverse("mapping:campaign-suggest", kwargs={"pk": campaign.pk}))

    finding = Finding.objects.get()  # EDU scores 50, under 60; suggested once despite two runs
    assert (finding.theme.code, finding.status, finding.kind) == ("EDU", "suggested", "gap")
    client.post(reverse("mapping:finding-status", kwargs={"pk": finding.pk}), {"status": "confirmed"})
    finding.refresh_from_db()
    assert finding.status == "confirmed"
    assert (
        client_as(official)
        .post(reverse("mapping:finding-status", kwargs={"pk": finding.pk}), {"status": "dismissed"})
        .status_code
        == 403
    )


def test_finding_list_constant_queries(client, django_assert_num_queries, region, page_cache_off):
    from tests.factories import FindingFactory

    FindingFactory(region=region)
    client.get(reverse("mapping:finding-list"))
    with django_assert_num_queries(4) as few:
        client.get(reverse("mapping:finding-list"))
    FindingFactory.create_batch(20, region=region)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("mapping:finding-list"))


def test_dashboard_panel_for_official(client_as, official, campaign):
    page = client_as(official).get(reverse("accounts:dashboard"))
    assert "Mapping questionnaires" in page.content.decode()
    assert campaign.title in page.content.decode()


def test_question_kinds_render(client_as, official, response, version):
    page = client_as(official).get(reverse("mapping:response-fill", kwargs={"pk": response.pk}) + "?section=2")
    body = page.content.decode()
    assert 'type="checkbox" name="value" value="md"' in body
    assert Question.objects.filter(version=version).count() == 6
