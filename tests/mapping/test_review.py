"""The review conversation, the audit timeline, carry-over and the printable copy of a response."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mapping import selectors, services, timeline
from mapping.models import Answer, ResponseEvent, ReviewComment
from mapping.services import review
from tests.factories import CampaignFactory, RegionMembershipFactory
from tests.mapping.conftest import COMPLETE, q

pytestmark = pytest.mark.django_db


def fill(response, version, by, answers=COMPLETE):
    for code, value in answers.items():
        answer = response.answers.filter(question__code=code).first()
        services.answer_save(
            response=response,
            question=q(version, code),
            value=value,
            base_revision=answer.revision if answer else 0,
            by=by,
        )


def returned(response, version, official, coordinator, *, general="Please cite your sources overall."):
    fill(response, version, official)
    services.response_submit(response=response, by=official)
    services.response_return(
        response=response,
        by=coordinator,
        comment=general,
        question_comments={version.ehr.pk: "Which record system?", q(version, "EDU-1").pk: "Which hospitals?"},
    )
    response.refresh_from_db()
    return response


def fill_url(response, section=1):
    return reverse("mapping:response-fill", kwargs={"pk": response.pk}) + f"?section={section}"


# Defect 2: the general comment reaches the official, sections show where the comments are.


def test_official_sees_the_general_comment_on_every_section_and_counts_on_tabs(
    client_as, official, coordinator, response, version
):
    returned(response, version, official, coordinator)
    client = client_as(official)

    first = client.get(fill_url(response, 1)).content.decode()
    second = client.get(fill_url(response, 2)).content.decode()

    for page in (first, second):
        assert page.count("Please cite your sources overall.") == 1
        assert 'class="badge badge-warning comment-count"' in page
    assert "Which record system?" in first and "Which hospitals?" not in first
    assert "Which hospitals?" in second
    assert "3 open comments" in first


def test_official_sees_the_general_comment_on_the_dashboard(client_as, official, coordinator, response, version):
    returned(response, version, official, coordinator)

    page = client_as(official).get("/accounts/dashboard/").content.decode()

    assert "Please cite your sources overall." in page


def test_a_return_needs_at_least_one_comment(client_as, official, coordinator, response, version):
    fill(response, version, official)
    services.response_submit(response=response, by=official)

    with pytest.raises(ValidationError):
        services.response_return(response=response, by=coordinator, comment="  ", question_comments={})
    reply = client_as(coordinator).post(
        reverse("mapping:response-review", kwargs={"pk": response.pk}), {"comment": "", f"comment-{version.ehr.pk}": ""}
    )

    assert reply.status_code == 400
    assert "at least one" in reply.content.decode()
    assert not ReviewComment.objects.exists()


def test_a_general_comment_alone_is_enough_to_return(coordinator, official, response, version):
    fill(response, version, official)
    services.response_submit(response=response, by=official)

    services.response_return(response=response, by=coordinator, comment="Overall too thin.", question_comments={})

    assert list(ReviewComment.objects.values_list("question_id", "text")) == [(None, "Overall too thin.")]


def test_official_replies_coordinator_resolves_and_reopens(client_as, official, coordinator, response, version):
    returned(response, version, official, coordinator)
    thread = ReviewComment.objects.get(question=version.ehr)
    reply_url = reverse("mapping:comment-reply", kwargs={"pk": response.pk, "comment_pk": thread.pk})
    resolve_url = reverse("mapping:comment-resolve", kwargs={"pk": response.pk, "comment_pk": thread.pk})

    answer = client_as(official).post(reply_url, {"text": "Epic, since 2021.", "next": fill_url(response)})
    assert answer.status_code == 302 and answer.url == fill_url(response)
    assert client_as(official).post(resolve_url, {"resolved": "1"}).status_code == 403
    assert client_as(coordinator).post(resolve_url, {"resolved": "1"}).status_code == 302
    thread.refresh_from_db()
    assert (thread.resolved, thread.resolved_by) == (True, coordinator)
    client_as(official).post(reply_url, {"text": "One more thing"})
    assert list(thread.replies.values_list("text", flat=True)) == ["Epic, since 2021."]
    client_as(coordinator).post(resolve_url, {"resolved": "0"})
    thread.refresh_from_db()

    assert thread.resolved is False
    kinds = list(response.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "replied", "resolved", "reopened"]


def test_reply_and_resolve_are_refused_outside_the_region_and_to_unknown_comments(
    client_as, official, other_official, coordinator, response, version
):
    returned(response, version, official, coordinator)
    thread = ReviewComment.objects.get(question=version.ehr)
    other = CampaignFactory(version=version, regions=[response.region])
    foreign = ReviewComment.objects.create(response=other.responses.create(region=response.region), text="elsewhere")

    url = reverse("mapping:comment-reply", kwargs={"pk": response.pk, "comment_pk": thread.pk})
    assert client_as(other_official).post(url, {"text": "hi"}).status_code == 404
    assert client_as(None).post(url, {"text": "hi"}).status_code == 302
    wrong = reverse("mapping:comment-reply", kwargs={"pk": response.pk, "comment_pk": foreign.pk})
    assert client_as(official).post(wrong, {"text": "hi"}).status_code == 404
    assert client_as(official).get(url).status_code == 405
    assert client_as(official).post(url, {"text": "   "}).status_code == 302
    assert not ReviewComment.objects.filter(parent__isnull=False).exists()


def test_reply_never_redirects_to_another_site(client_as, official, coordinator, response, version):
    returned(response, version, official, coordinator)
    thread = ReviewComment.objects.get(question=version.ehr)
    url = reverse("mapping:comment-reply", kwargs={"pk": response.pk, "comment_pk": thread.pk})

    reply = client_as(official).post(url, {"text": "ok", "next": "https://evil.example/"})

    assert reply.url == reverse("mapping:response-fill", kwargs={"pk": response.pk})


def test_submit_keeps_comments_open_for_the_coordinator(official, coordinator, response, version):
    returned(response, version, official, coordinator)

    services.response_submit(response=response, by=official)

    assert ReviewComment.objects.filter(resolved=False).count() == 3


def test_re_review_shows_the_field_level_diff_since_the_return_and_the_replies(
    client_as, official, coordinator, response, version
):
    returned(response, version, official, coordinator)
    answer = Answer.objects.get(response=response, question=version.ehr)
    services.answer_save(
        response=response,
        question=version.ehr,
        value="5",
        base_revision=answer.revision,
        by=official,
        evidence={"confidence": "high"},
    )
    services.answer_save(
        response=response,
        question=version.ehr,
        value="5",
        base_revision=answer.revision + 1,
        by=official,
        evidence={"evidence_note": "Regional EHR report 2025"},
    )
    review.comment_reply(thread=ReviewComment.objects.get(question=version.ehr), text="Updated.", by=official)
    services.response_submit(response=response, by=official)

    assert selectors.changes_since_return(response=response) == {
        version.ehr.pk: [("value", 4, 5), ("evidence_note", "", "Regional EHR report 2025"), ("confidence", "", "high")]
    }
    page = client_as(coordinator).get(reverse("mapping:response-review", kwargs={"pk": response.pk})).content.decode()
    assert "Changed since the return" in page
    assert "4 · To a large extent" in page and "5 · Fully" in page
    assert "Regional EHR report 2025" in page
    assert "Updated." in page
    assert 'data-confirm="Accept the response? 3 review comments are still open."' in page
    assert 'data-confirm="Return the response' in page
    assert 'rows="3" class="review-input"' in page


# Defect 3 / build 6: one audit timeline.


def test_timeline_shows_exactly_what_changed_and_every_step(client_as, official, coordinator, response, version):
    fill(response, version, official)
    answer = Answer.objects.get(response=response, question=version.ehr)
    # The evidence alone changes: the entry names it, not "4 → 4".
    services.answer_save(
        response=response,
        question=version.ehr,
        value="4",
        base_revision=answer.revision,
        by=official,
        evidence={"evidence_source": "document", "evidence_year": "2024"},
    )
    # Nothing changes: no entry.
    services.answer_save(
        response=response,
        question=version.ehr,
        value="4",
        base_revision=answer.revision + 1,
        by=official,
        evidence={"evidence_source": "document"},
    )
    services.response_submit(response=response, by=official)
    services.response_return(response=response, by=coordinator, comment="More please", question_comments={})
    thread = ReviewComment.objects.get()
    review.comment_reply(thread=thread, text="Done", by=official)
    review.comment_set_resolved(thread=thread, resolved=True, by=coordinator)
    review.comment_set_resolved(thread=thread, resolved=False, by=coordinator)
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)

    entries = timeline.response_timeline(response=response)

    kinds = [e.kind for e in reversed(entries)]
    assert kinds == ["answer"] * 6 + [
        "submitted",
        "returned",
        "replied",
        "resolved",
        "reopened",
        "submitted",
        "accepted",
    ]
    evidence_entry = [e for e in entries if e.kind == "answer"][0]
    assert evidence_entry.changes == [("Evidence source", "", "Document"), ("Evidence year", "", "2024")]
    assert all(e.changes for e in entries if e.kind == "answer")
    assert all(before != after for e in entries for _l, before, after in e.changes)
    assert {e.who for e in entries if e.kind in ("returned", "resolved", "accepted")} == {"cora"}

    page = client_as(official).get(reverse("mapping:response-history", kwargs={"pk": response.pk})).content.decode()
    assert "Evidence source" in page and "Reopened a comment" in page and "Accepted" in page


def test_timeline_filters_by_section_person_and_kind_and_exports_csv(
    client_as, official, coordinator, response, version, region
):
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    fill(response, version, official)
    answer = Answer.objects.get(response=response, question=q(version, "EDU-1"))
    services.answer_save(
        response=response, question=q(version, "EDU-1"), value="all", base_revision=answer.revision, by=colleague
    )
    services.response_submit(response=response, by=official)
    second_section = q(version, "EDU-1").section_id

    by_section = timeline.response_timeline(response=response, section=second_section)
    by_person = timeline.response_timeline(response=response, person=colleague.pk)
    by_kind = timeline.response_timeline(response=response, kind="submitted")

    assert {e.question.code for e in by_section} == {"EDU-1", "EDU-2"}
    assert [(e.who, e.question.code) for e in by_person] == [("kaisa", "EDU-1")]
    assert [e.kind for e in by_kind] == ["submitted"]

    reply = client_as(coordinator).get(
        reverse("mapping:response-history-csv", kwargs={"pk": response.pk}) + f"?person={colleague.pk}"
    )
    rows = list(csv.reader(io.StringIO(b"".join(reply.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["when (Europe/Brussels)", "who", "kind", "question", "field", "before", "after", "comment"]
    assert [row[1:7] for row in rows[1:]] == [["kaisa", "Answer changed", "EDU-1", "Answer", "Some", "All"]]


def test_timeline_is_refused_outside_the_region(client_as, other_official, response):
    names = ("history", "history-csv", "print", "print-pdf")
    for name in (f"mapping:response-{n}" for n in names):
        assert client_as(other_official).get(reverse(name, kwargs={"pk": response.pk})).status_code == 404


# Build 4: carry-over.


def test_carry_over_prefills_from_the_last_accepted_response_and_counts_only_when_confirmed(
    client_as, official, coordinator, campaign, response, version, region
):
    fill(response, version, official, {**COMPLETE, "EDU-3": "Genomics course"})
    Answer.objects.filter(response=response, question__code="DATA-1").update(confidence="high")
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)
    later = CampaignFactory(
        version=version,
        regions=[region],
        carry_over=True,
        opens_on=campaign.opens_on.replace(year=campaign.opens_on.year + 1),
        deadline=campaign.deadline.replace(year=campaign.deadline.year + 1),
    )

    new = services.response_start(campaign=later, region=region)

    carried = {a.question.code: a for a in new.answers.select_related("question")}
    assert {code: a.value for code, a in carried.items()} == {
        "DATA-1": 4,
        "DATA-2": True,
        "DATA-3": 120,
        "EDU-1": "some",
        "EDU-2": ["md"],
        "EDU-3": "Genomics course",
    }
    assert all(a.carried_over for a in carried.values())
    assert carried["DATA-1"].confidence == "high"
    assert new.progress == 0
    page = client_as(official).get(fill_url(new)).content.decode()
    assert "Confirm this answer" in page and "6 answers were carried over" in page

    # Confirming one (saving it unchanged) counts it and records the confirmation.
    client_as(official).post(
        reverse("mapping:response-answer", kwargs={"pk": new.pk, "question_pk": version.ehr.pk}),
        {"value": "4", "revision": "0", "confidence": "high"},
    )
    ehr = Answer.objects.get(response=new, question=version.ehr)
    new.refresh_from_db()
    assert (ehr.carried_over, ehr.revision) == (False, 1)
    # 1 of 4 required: DATA-3 stays hidden until the carried-over "yes" to DATA-2 is confirmed.
    assert new.progress == 25
    [entry] = timeline.response_timeline(response=new)
    assert entry.changes == [("Carried over", "carried over", "confirmed")]


def test_without_carry_over_a_new_campaign_starts_empty(official, coordinator, campaign, response, version, region):
    fill(response, version, official)
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)
    later = CampaignFactory(version=version, regions=[region])

    assert services.response_start(campaign=later, region=region).answers.count() == 0


# Defect 9, build 9.


def test_failed_submit_keeps_the_official_on_their_section(client_as, official, response, version):
    fill(response, version, official, {"DATA-1": "3"})

    reply = client_as(official).post(reverse("mapping:response-submit", kwargs={"pk": response.pk}), {"section": "2"})

    assert reply.url == fill_url(response, 2) + "&missing=1#missing"


def test_fill_page_saves_numbers_while_typing_and_summarises_before_submit(client_as, official, response, version):
    fill(response, version, official, {"DATA-2": "yes"})

    page = client_as(official).get(fill_url(response)).content.decode()

    assert "input changed delay:700ms from:find input.number-input" in page
    assert 'hx-sync="this:queue last"' in page
    assert "Before you submit" in page and "1 of 3 required answered" in page


def test_conflict_offers_keep_mine_and_says_when(client_as, official, response, version, region):
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    services.answer_save(response=response, question=version.ehr, value="1", base_revision=0, by=colleague)

    reply = client_as(official).post(
        reverse("mapping:response-answer", kwargs={"pk": response.pk, "question_pk": version.ehr.pk}),
        {"value": "5", "revision": "0"},
        HTTP_HX_REQUEST="true",
    )

    body = reply.content.decode()
    assert reply.status_code == 409
    assert "data-keep-mine" in body and "Saved by kaisa at" in body
    assert 'name="revision" value="1"' in body


def test_print_view_has_answers_evidence_and_comments(client_as, official, coordinator, response, version):
    returned(response, version, official, coordinator)
    Answer.objects.filter(response=response, question=version.ehr).update(evidence_note="EHR survey 2024")

    page = client_as(official).get(reverse("mapping:response-print", kwargs={"pk": response.pk})).content.decode()

    assert "4 · To a large extent" in page
    assert "EHR survey 2024" in page
    assert "Which record system?" in page and "Please cite your sources overall." in page
    assert "reply-form" not in page


def test_response_event_kinds_cover_the_conversation():
    assert set(ResponseEvent.Kind.values) >= {"submitted", "returned", "accepted", "replied", "resolved", "reopened"}


# The API offers the same conversation and timeline.


def api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_threads_reply_resolve_and_timeline(official, coordinator, other_official, response, version):
    returned(response, version, official, coordinator)
    base = f"/api/v1/responses/{response.pk}"

    threads = api(official).get(f"{base}/comments/").json()
    assert [(t["question_code"], t["text"]) for t in threads] == [
        (None, "Please cite your sources overall."),
        ("DATA-1", "Which record system?"),
        ("EDU-1", "Which hospitals?"),
    ]
    general = threads[0]["id"]
    reply = api(official).post(f"{base}/comments/{general}/reply/", {"text": "Added."}, format="json")
    assert (reply.status_code, reply.json()["text"]) == (201, "Added.")
    assert api(official).post(f"{base}/comments/{general}/reply/", {"text": ""}, format="json").status_code == 400
    assert api(official).post(f"{base}/comments/{general}/resolve/", {"resolved": True}).status_code == 403
    assert api(other_official).get(f"{base}/comments/").status_code == 404
    resolved = api(coordinator).post(f"{base}/comments/{general}/resolve/", {"resolved": True}, format="json")
    assert (resolved.status_code, resolved.json()["resolved"], resolved.json()["replies"][0]["text"]) == (
        200,
        True,
        "Added.",
    )
    refused = api(official).post(f"{base}/comments/{general}/reply/", {"text": "Late"}, format="json")
    assert refused.status_code == 400

    entries = api(coordinator).get(f"{base}/timeline/?kind=replied").json()
    assert [(e["who"], e["kind"], e["text"]) for e in entries] == [("olli", "replied", "Added.")]
    assert api(coordinator).get(f"{base}/timeline/?kind=nonsense").status_code == 400
    assert api(coordinator).get(f"{base}/timeline/?person=x").status_code == 400


def test_print_pdf_reads_back_with_answers_and_comments(client_as, official, coordinator, response, version, tmp_path):
    import subprocess

    returned(response, version, official, coordinator)

    reply = client_as(official).get(reverse("mapping:response-print-pdf", kwargs={"pk": response.pk}))

    assert (reply.status_code, reply["Content-Type"], reply.content[:5]) == (200, "application/pdf", b"%PDF-")
    path = tmp_path / "copy.pdf"
    path.write_bytes(reply.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Which record system?" in text and "Please cite your sources overall." in text
    assert "To a large extent" in text
