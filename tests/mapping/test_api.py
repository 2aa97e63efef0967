import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from mapping import services
from mapping.models import Answer, AnswerChange, Response
from tests.factories import RegionMembershipFactory
from tests.mapping.conftest import COMPLETE, q


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def answers_url(response):
    return f"/api/v1/responses/{response.pk}/answers/"


@pytest.mark.django_db
def test_save_answer_then_stale_save_gets_409_with_current_value(official, response, version, region):
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    first = api(official).post(
        answers_url(response), {"question": version.ehr.pk, "value": 4, "revision": 0}, format="json"
    )
    assert first.status_code == 200
    assert first.json()["answer"]["revision"] == 1

    stale = api(colleague).post(
        answers_url(response), {"question": version.ehr.pk, "value": 1, "revision": 0}, format="json"
    )

    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == 4
    assert stale.json()["current"]["answered_by"] == "olli"
    assert stale.json()["submitted"] == 1
    assert Answer.objects.get().value == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "value", "field", "message"),
    [
        ("DATA-1", 9, "value", "Choose a point on the scale from 1 to 5."),
        ("DATA-2", "maybe", "value", "Answer yes or no."),
        ("DATA-3", "1e5", "value", "Enter a number between 0 and 1000."),
        ("EDU-1", ["some", "all"], "value", "Choose only one of the options."),
        ("EDU-3", {"a": 1}, "value", "Enter text."),
    ],
)
def test_bad_values_are_400_with_field_messages(official, response, version, code, value, field, message):
    reply = api(official).post(
        answers_url(response), {"question_code": code, "value": value, "revision": 0}, format="json"
    )

    assert reply.status_code == 400
    assert reply.json()[field] == [message]
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_bad_evidence_is_400(official, response, version):
    reply = api(official).post(
        answers_url(response),
        {"question": version.ehr.pk, "value": 3, "revision": 0, "evidence_year": 1800, "confidence": "total"},
        format="json",
    )

    assert reply.status_code == 400
    assert set(reply.json()) == {"evidence_year", "confidence"}


@pytest.mark.django_db
def test_missing_revision_is_400(official, response, version):
    reply = api(official).post(answers_url(response), {"question": version.ehr.pk, "value": 3}, format="json")
    assert reply.status_code == 400
    assert "revision" in reply.json()


@pytest.mark.django_db
def test_other_regions_official_gets_404(other_official, response, version):
    client = api(other_official)
    assert client.get(answers_url(response)).status_code == 404
    assert (
        client.post(
            answers_url(response), {"question": version.ehr.pk, "value": 3, "revision": 0}, format="json"
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/responses/{response.pk}/").status_code == 404


@pytest.mark.django_db
def test_submitted_response_refuses_saves_with_409(official, response, version):
    for code, value in COMPLETE.items():
        services.answer_save(response=response, question=q(version, code), value=value, base_revision=0, by=official)
    assert api(official).post(f"/api/v1/responses/{response.pk}/submit/").status_code == 200

    reply = api(official).post(
        answers_url(response), {"question": version.ehr.pk, "value": 1, "revision": 1}, format="json"
    )

    assert reply.status_code == 409
    assert Answer.objects.get(question=version.ehr).value == 4


@pytest.mark.django_db
def test_submit_incomplete_lists_missing_codes(official, response):
    reply = api(official).post(f"/api/v1/responses/{response.pk}/submit/")
    assert reply.status_code == 400
    assert reply.json()["missing"] == ["DATA-1", "DATA-2", "EDU-1", "EDU-2"]


@pytest.mark.django_db
def test_workflow_through_the_api(official, coordinator, response, version):
    for code, value in COMPLETE.items():
        api(official).post(answers_url(response), {"question_code": code, "value": value, "revision": 0}, format="json")
    api(official).post(f"/api/v1/responses/{response.pk}/submit/")

    returned = api(coordinator).post(
        f"/api/v1/responses/{response.pk}/return/",
        {"comments": {str(version.ehr.pk): "Cite the source"}},
        format="json",
    )
    assert returned.json()["status"] == "returned"
    api(official).post(answers_url(response), {"question": version.ehr.pk, "value": 5, "revision": 1}, format="json")
    api(official).post(f"/api/v1/responses/{response.pk}/submit/")
    accepted = api(coordinator).post(f"/api/v1/responses/{response.pk}/accept/")

    assert accepted.json()["status"] == "accepted"
    heatmap = api().get(f"/api/v1/analytics/heatmap/?campaign={response.campaign_id}").json()
    assert heatmap["results"][0]["region"] == "FI1D"
    assert heatmap["results"][0]["scores"]["DATA"] == round((100 * 2 + 100) / 3, 1)


@pytest.mark.django_db
def test_heatmap_api_bad_campaign_is_400(client):
    assert client.get("/api/v1/analytics/heatmap/?campaign=abc").status_code == 400
    assert client.get("/api/v1/analytics/heatmap/?campaign=999999").status_code == 404


@pytest.mark.django_db
def test_frozen_version_refuses_question_edits_in_api(coordinator, version):
    reply = api(coordinator).patch(f"/api/v1/questions/{version.ehr.pk}/", {"text": "New"}, format="json")

    assert reply.status_code == 400
    assert "frozen" in reply.json()["non_field_errors"][0]


@pytest.mark.django_db
def test_question_api_on_a_draft(coordinator, version):
    draft = services.version_copy(version=version)
    section = draft.sections.first()

    created = api(coordinator).post(
        "/api/v1/questions/",
        {
            "section": section.pk,
            "code": "DATA-8",
            "kind": "number",
            "text": "How many?",
            "theme": "DATA",
            "min_value": 0,
            "max_value": 10,
        },
        format="json",
    )
    bad = api(coordinator).post(
        "/api/v1/questions/",
        {
            "section": section.pk,
            "code": "DATA-9",
            "kind": "single",
            "text": "Which?",
            "options": [{"value": "a"}],
        },
        format="json",
    )

    assert created.status_code == 201
    assert bad.status_code == 400
    assert "options" in bad.json()
    structure = api(coordinator).get(f"/api/v1/questionnaire-versions/{draft.pk}/").json()
    assert "DATA-8" in [question["code"] for s in structure["sections"] for question in s["questions"]]


@pytest.mark.django_db
def test_campaign_api_create_and_list_query_count(
    coordinator, version, region, other_region, django_assert_num_queries
):
    client = api(coordinator)
    created = client.post(
        "/api/v1/campaigns/",
        {
            "title": "Autumn",
            "version": version.pk,
            "regions": ["fi1d", "BE21"],
            "opens_on": "2026-09-01",
            "deadline": "2026-10-01",
        },
        format="json",
    )
    assert created.status_code == 201
    assert sorted(created.json()["regions"]) == ["BE21", "FI1D"]
    bad = client.post(
        "/api/v1/campaigns/",
        {"title": "X", "version": version.pk, "regions": ["ZZ99"], "opens_on": "2026-09-01", "deadline": "2026-08-01"},
        format="json",
    )
    assert bad.status_code == 400
    with django_assert_num_queries(3) as few:
        client.get("/api/v1/campaigns/")
    expected = len(few.captured_queries)  # requests below clear the connection's query log
    for n in range(5):
        client.post(
            "/api/v1/campaigns/",
            {
                "title": f"C{n}",
                "version": version.pk,
                "regions": ["FI1D"],
                "opens_on": "2026-09-01",
                "deadline": "2026-10-01",
            },
            format="json",
        )
    with django_assert_num_queries(expected):
        client.get("/api/v1/campaigns/")


@pytest.mark.django_db
def test_response_and_finding_lists_constant_queries(
    coordinator, official, campaign, region, other_region, django_assert_num_queries
):
    from tests.factories import FindingFactory

    Response.objects.create(campaign=campaign, region=region)
    FindingFactory(region=region)
    client = api(coordinator)
    with django_assert_num_queries(2):
        client.get("/api/v1/responses/")
    with django_assert_num_queries(2):
        client.get("/api/v1/findings/")
    Response.objects.create(campaign=campaign, region=other_region)
    FindingFactory.create_batch(10, region=other_region)
    with django_assert_num_queries(2):
        client.get("/api/v1/responses/")
    with django_assert_num_queries(2):
        client.get("/api/v1/findings/")


@pytest.mark.django_db
def test_finding_api_create_and_status(coordinator, official, region):
    created = api(coordinator).post(
        "/api/v1/findings/",
        {
            "region": "FI1D",
            "theme": "DATA",
            "kind": "barrier",
            "severity": 4,
            "title": "No shared EHR",
            "source": "workshop",
        },
        format="json",
    )
    assert created.status_code == 201
    bad = api(coordinator).post(
        "/api/v1/findings/",
        {"region": "FI1D", "theme": "DATA", "kind": "gap", "severity": 9, "title": "x"},
        format="json",
    )
    assert bad.status_code == 400 and "severity" in bad.json()
    finding_id = created.json()["id"]
    assert (
        api(official).patch(f"/api/v1/findings/{finding_id}/", {"status": "dismissed"}, format="json").status_code
        == 403
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_one_wins_the_other_gets_409(response, version, official, region):
    """Two officials save the same question at once, both based on revision 0: one is stored, one refused."""
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    results = {}
    barrier = threading.Barrier(2)

    def save(user, value):
        try:
            barrier.wait()
            reply = api(user).post(
                answers_url(response), {"question": version.ehr.pk, "value": value, "revision": 0}, format="json"
            )
            results[user.username] = reply.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(official, 2)), threading.Thread(target=save, args=(colleague, 5))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values()) == [200, 409]
    answer = Answer.objects.get()
    winner = next(name for name, code in results.items() if code == 200)
    assert answer.answered_by.username == winner
    assert answer.revision == 1
    assert AnswerChange.objects.count() == 1


@pytest.mark.django_db
def test_question_api_reads_and_writes_translations_by_language(coordinator, version):
    draft = services.version_copy(version=version)
    section = draft.sections.order_by("order").first()
    client = api(coordinator)

    created = client.post(
        "/api/v1/questions/",
        {
            "section": section.pk,
            "code": "DATA-9",
            "kind": "single",
            "text": "Which cloud?",
            "options": [{"value": "eu", "label": "EU cloud"}, {"value": "none", "label": "None"}],
            "translations": {"fr": {"text": "Quel nuage ?", "options": {"eu": "Nuage européen"}}},
        },
        format="json",
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["text"] == "Which cloud?"
    assert body["translations"] == {"fr": {"text": "Quel nuage ?", "options": {"eu": "Nuage européen"}}}
    question = draft.questions.get(code="DATA-9")
    assert (question.text_en, question.text_fr) == ("Which cloud?", "Quel nuage ?")


@pytest.mark.django_db
def test_question_api_refuses_an_unknown_language_with_a_field_message(coordinator, version):
    draft = services.version_copy(version=version)
    section = draft.sections.order_by("order").first()

    reply = api(coordinator).post(
        "/api/v1/questions/",
        {
            "section": section.pk,
            "code": "DATA-9",
            "kind": "text",
            "text": "Why?",
            "translations": {"xx": {"text": "?"}},
        },
        format="json",
    )

    assert reply.status_code == 400
    assert "translations" in reply.json()
