import pytest

from reports import services
from reports.models import Report
from tests.factories import CampaignFactory, RegionFactory, RegionMembershipFactory, ReportFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_post_queues_a_report_then_returns_the_same_one(client_as, coordinator, region):
    client = client_as(coordinator)

    first = client.post("/api/v1/reports/", {"region": "FI1D"}, content_type="application/json")
    second = client.post("/api/v1/reports/", {"region": "FI1D"}, content_type="application/json")

    assert (first.status_code, first.json()["status"]) == (201, "queued")
    assert (second.status_code, second.json()["id"]) == (200, first.json()["id"])


def test_post_returns_200_for_an_up_to_date_done_report(client_as, coordinator, region_with_findings, media_root):
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    services.report_build(report_id=report.pk)

    response = client_as(coordinator).post("/api/v1/reports/", {"region": "FI1D"}, content_type="application/json")

    body = response.json()
    assert (response.status_code, body["id"], body["status"], body["is_up_to_date"]) == (200, report.pk, "done", True)
    assert body["urls"]["pdf"] == f"/api/v1/reports/{report.pk}/pdf"


def test_post_errors_are_json_with_field_messages(client_as, coordinator, stakeholder, region):
    unknown = client_as(coordinator).post("/api/v1/reports/", {"region": "ZZ9"}, content_type="application/json")
    missing = client_as(coordinator).post("/api/v1/reports/", {}, content_type="application/json")
    denied = client_as(stakeholder).post("/api/v1/reports/", {"region": "FI1D"}, content_type="application/json")
    anonymous = client_as(None).post("/api/v1/reports/", {"region": "FI1D"}, content_type="application/json")

    assert (unknown.status_code, unknown.json()) == (400, {"region": ["No region has the code or id 'ZZ9'."]})
    assert (missing.status_code, list(missing.json())) == (400, ["region"])
    assert denied.status_code == 403
    assert anonymous.status_code in (401, 403)
    assert not Report.objects.exists()


@pytest.mark.parametrize("region", ["0" * 5000, "9" * 12, "²", "1" * 21])
def test_post_with_a_region_id_that_cannot_be_one_is_a_400(client_as, coordinator, region):
    """Regression (found by fuzzing): over 4,300 digits made int() raise, a larger id overflowed the column."""
    response = client_as(coordinator).post("/api/v1/reports/", {"region": region}, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["region"]


def test_get_shows_state_timings_and_error(client_as, coordinator, region):
    report = ReportFactory(region=region, status=Report.Status.FAILED, error="Could not write the report files")

    body = client_as(coordinator).get(f"/api/v1/reports/{report.pk}/").json()

    assert (body["status"], body["error"], body["region"]) == ("failed", "Could not write the report files", "FI1D")
    assert {"requested_at", "started_at", "finished_at", "build_ms", "attempts"} <= set(body)


def test_drafts_are_scoped_and_files_404_until_done(client_as, official, other_official, region):
    report = ReportFactory(region=region, status=Report.Status.RUNNING)

    assert client_as(other_official).get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert client_as(None).get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert client_as(official).get(f"/api/v1/reports/{report.pk}/").status_code == 200
    pdf = client_as(official).get(f"/api/v1/reports/{report.pk}/pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (404, "application/json")


def test_pdf_and_html_download(client_as, coordinator, region_with_findings, media_root):
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    services.report_build(report_id=report.pk)
    client = client_as(coordinator)

    pdf = client.get(f"/api/v1/reports/{report.pk}/pdf")
    html = client.get(f"/api/v1/reports/{report.pk}/html")

    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "No shared genomic data platform" in b"".join(html.streaming_content).decode()


def test_list_is_paginated_and_runs_a_fixed_number_of_queries(client_as, coordinator, django_assert_max_num_queries):
    client = client_as(coordinator)
    ReportFactory()
    with django_assert_max_num_queries(40) as few:
        body = client.get("/api/v1/reports/").json()
    for _ in range(20):
        ReportFactory(region=RegionFactory())
    with django_assert_max_num_queries(40) as many:
        client.get("/api/v1/reports/")
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(few.captured_queries) == len(many.captured_queries)


def test_batches_for_coordinators(client_as, coordinator, official, region, other_region):
    denied = client_as(official).post("/api/v1/report-batches/", {}, content_type="application/json")
    bad = client_as(coordinator).post("/api/v1/report-batches/", {"regions": ["XX1"]}, content_type="application/json")
    created = client_as(coordinator).post(
        "/api/v1/report-batches/", {"regions": ["FI1D", "BE21"]}, content_type="application/json"
    )

    assert denied.status_code == 403
    assert (bad.status_code, bad.json()) == (400, {"regions": ["Unknown NUTS codes: XX1."]})
    assert created.status_code == 201
    batch_id = created.json()["id"]
    progress = client_as(coordinator).get(f"/api/v1/report-batches/{batch_id}/").json()["progress"]
    assert (progress["total"], progress["queued"], progress["done"], progress["failed"]) == (2, 2, 0, 0)
    assert client_as(official).get(f"/api/v1/report-batches/{batch_id}/").status_code == 403


def test_recommendation_library_api_is_for_coordinators(client_as, coordinator, official):
    from tests.factories import RecommendationFactory, seed_theme

    RecommendationFactory(code="gov", themes=[seed_theme("GOV")])

    assert client_as(official).get("/api/v1/recommendations/").status_code == 403
    body = client_as(coordinator).get("/api/v1/recommendations/").json()
    assert [(r["code"], r["themes"]) for r in body["results"]] == [("gov", ["GOV"])]


# A campaign must be one the user may see and include the region; refusals never reveal which ids exist.


def _campaign_for(case: str, official, other_region) -> int:
    if case == "missing":
        return 987654
    if case == "not_visible":
        return CampaignFactory(regions=[other_region]).pk
    # Visible to the official (it surveys another of their regions), yet it does not survey FI1D.
    second = RegionFactory(code="FI1C", country_code="FI", level=2)
    RegionMembershipFactory(user=official, region=second)
    return CampaignFactory(regions=[second]).pk


@pytest.mark.parametrize("case", ["missing", "not_visible", "without_the_region"])
def test_post_refuses_a_campaign_with_the_same_field_message_whatever_the_reason(
    client_as, official, region, other_region, case
):
    campaign_id = _campaign_for(case, official, other_region)

    response = client_as(official).post(
        "/api/v1/reports/", {"region": "FI1D", "campaign": campaign_id}, content_type="application/json"
    )

    assert (response.status_code, response.json()) == (
        400,
        {"campaign": ["Choose one of your survey campaigns that includes this region."]},
    )
    assert not Report.objects.exists()


def test_post_refuses_a_campaign_without_an_accepted_response_naming_the_latest_with_one(client_as, official, region):
    older = CampaignFactory(regions=[region], title="Mapping 2025")
    ResponseFactory(campaign=older, region=region, status="accepted")
    campaign = CampaignFactory(regions=[region], title="Mapping 2026")
    ResponseFactory(campaign=campaign, region=region, status="submitted")

    response = client_as(official).post(
        "/api/v1/reports/", {"region": "FI1D", "campaign": campaign.pk}, content_type="application/json"
    )

    assert response.status_code == 400
    [message] = response.json()["campaign"]
    assert "no accepted survey response in Mapping 2026" in message
    assert "Mapping 2025" in message
    assert not Report.objects.exists()


def test_post_accepts_a_campaign_of_the_region(client_as, official, region):
    campaign = CampaignFactory(regions=[region])
    ResponseFactory(campaign=campaign, region=region, status="accepted")

    response = client_as(official).post(
        "/api/v1/reports/", {"region": "FI1D", "campaign": campaign.pk}, content_type="application/json"
    )

    assert (response.status_code, response.json()["campaign"]) == (201, campaign.pk)


def test_post_refuses_a_campaign_without_accepted_answers_for_the_region(client_as, coordinator, region):
    campaign = CampaignFactory(regions=[region])
    ResponseFactory(region=region, campaign=campaign, status="submitted")

    response = client_as(coordinator).post(
        "/api/v1/reports/", {"region": "FI1D", "campaign": campaign.pk}, content_type="application/json"
    )

    assert (response.status_code, list(response.json())) == (400, ["campaign"])
    assert "no accepted survey response" in response.json()["campaign"][0]
    assert not Report.objects.exists()


def test_post_refuses_a_campaign_id_out_of_range_with_a_field_message(client_as, coordinator, region):
    response = client_as(coordinator).post(
        "/api/v1/reports/", {"region": "FI1D", "campaign": 2**70}, content_type="application/json"
    )

    assert (response.status_code, list(response.json())) == (400, ["campaign"])


def test_retry_requeues_a_failed_report(client_as, official, region):
    report = ReportFactory(region=region, status=Report.Status.FAILED, error="Could not queue the build")

    response = client_as(official).post(f"/api/v1/reports/{report.pk}/retry/")

    assert (response.status_code, response.json()["status"], response.json()["error"]) == (200, "queued", "")
    assert Report.objects.get(pk=report.pk).attempt_id != ""


def test_retry_is_a_conflict_for_a_report_neither_failed_nor_stuck(client_as, official, region):
    report = ReportFactory(region=region, status=Report.Status.DONE)

    response = client_as(official).post(f"/api/v1/reports/{report.pk}/retry/")

    assert response.status_code == 409
    assert Report.objects.get(pk=report.pk).status == "done"


def test_retry_is_denied_to_other_regions_and_the_public(client_as, other_official, stakeholder, region):
    report = ReportFactory(region=region, status=Report.Status.FAILED, published_at=None)

    assert client_as(other_official).post(f"/api/v1/reports/{report.pk}/retry/").status_code == 404
    assert client_as(stakeholder).post(f"/api/v1/reports/{report.pk}/retry/").status_code == 404
    assert client_as(None).post(f"/api/v1/reports/{report.pk}/retry/").status_code in (401, 403)
    assert Report.objects.get(pk=report.pk).status == "failed"
