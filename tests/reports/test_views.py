import pytest

from reports import region_profile, services
from reports.models import Recommendation, Report
from tests.factories import (
    FundingInstrumentFactory,
    RecommendationFactory,
    RegionFactory,
    RegionMembershipFactory,
    ReportFactory,
    seed_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def built_report(region_with_findings, coordinator, media_root):
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)
    return services.report_build(report_id=report.pk)


def test_draft_is_visible_to_coordinators_and_the_regions_officials(built_report, client_as, coordinator, official):
    for user in (coordinator, official):
        response = client_as(user).get(f"/reports/{built_report.pk}/")
        assert response.status_code == 200
        assert "No shared genomic data platform" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "other_official", "stakeholder"])
def test_draft_is_hidden_from_everyone_else(built_report, client_as, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_as(user)
    for url in (f"/reports/{built_report.pk}/", f"/reports/{built_report.pk}/pdf", f"/reports/{built_report.pk}/html"):
        assert client.get(url).status_code == 404


def test_published_report_is_public_with_its_files(built_report, client_as, coordinator):
    services.report_publish(report=built_report, published_by=coordinator)
    client = client_as(None)

    page = client.get(f"/reports/{built_report.pk}/")
    pdf = client.get(f"/reports/{built_report.pk}/pdf")
    html = client.get(f"/reports/{built_report.pk}/html")

    assert page.status_code == 200
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert html.status_code == 200
    assert "script-src" not in html["Content-Security-Policy"]
    assert "Pohjois- ja Itä-Suomi" in b"".join(html.streaming_content).decode()


def test_only_coordinators_publish(built_report, client_as, official, coordinator):
    denied = client_as(official).post(f"/reports/{built_report.pk}/publish/")
    built_report.refresh_from_db()
    assert (denied.status_code, built_report.published_at) == (403, None)

    allowed = client_as(coordinator).post(f"/reports/{built_report.pk}/publish/")
    built_report.refresh_from_db()
    assert allowed.status_code == 302
    assert built_report.published_by == coordinator


def test_region_profile_shows_published_reports_to_the_public_and_drafts_to_officials(
    built_report, region_with_findings, official, other_official, coordinator
):
    from django.contrib.auth.models import AnonymousUser

    assert region_profile.sections(region=region_with_findings, user=AnonymousUser()) == []
    assert region_profile.sections(region=region_with_findings, user=other_official) == []
    [section] = region_profile.sections(region=region_with_findings, user=official)
    assert section.context["draft_reports"] == [built_report]

    services.report_publish(report=built_report, published_by=coordinator)

    [public] = region_profile.sections(region=region_with_findings, user=AnonymousUser())
    assert (public.context["published_reports"], public.context["draft_reports"]) == ([built_report], [])


def test_official_requests_their_regions_report_but_not_anothers(client_as, official, region, other_region):
    own = client_as(official).post("/reports/request/", {"region": "fi1d"})
    other = client_as(official).post("/reports/request/", {"region": "BE21"})

    report = Report.objects.get(region=region)
    assert own["Location"] == f"/reports/{report.pk}/"
    assert other.status_code == 403
    assert not Report.objects.filter(region=other_region).exists()


def test_request_with_an_unknown_region_says_so(client_as, coordinator):
    response = client_as(coordinator).post("/reports/request/", {"region": "XX99"}, follow=True)

    assert "No region has the NUTS code XX99." in response.content.decode()


@pytest.mark.parametrize("case", ["missing", "not_visible", "without_the_region"])
def test_request_refuses_a_campaign_with_the_same_message_whatever_the_reason(
    client_as, official, region, other_region, case
):
    from tests.factories import CampaignFactory

    campaign_id = {
        "missing": lambda: 987654,
        "not_visible": lambda: CampaignFactory(regions=[other_region]).pk,
        "without_the_region": lambda: CampaignFactory(regions=[region, other_region]).pk,
    }[case]()
    if case == "without_the_region":
        # Visible to the official (it surveys FI1D) but asked for with FI1C, another of their regions.
        second = RegionFactory(code="FI1C", country_code="FI", level=2)
        RegionMembershipFactory(user=official, region=second)
        region_code = "FI1C"
    else:
        region_code = "FI1D"

    response = client_as(official).post(
        "/reports/request/", {"region": region_code, "campaign": campaign_id}, follow=True
    )

    assert "Choose one of your survey campaigns that includes this region." in response.content.decode()
    assert not Report.objects.exists()


def test_request_refuses_a_campaign_without_an_accepted_response_and_names_one_with(client_as, official, region):
    from tests.factories import CampaignFactory, ResponseFactory

    older = CampaignFactory(title="Mapping 2025", regions=[region])
    ResponseFactory(campaign=older, region=region, status="accepted")
    newer = CampaignFactory(title="Mapping 2026", regions=[region])
    ResponseFactory(campaign=newer, region=region, status="draft")

    response = client_as(official).post("/reports/request/", {"region": "FI1D", "campaign": newer.pk}, follow=True)

    page = response.content.decode()
    assert "FI1D has no accepted survey response in Mapping 2026" in page
    assert "Mapping 2025" in page
    assert not Report.objects.exists()


def test_request_form_offers_only_the_users_campaigns(client_as, official, region, other_region):
    from tests.factories import CampaignFactory

    mine = CampaignFactory(title="Survey of FI1D", regions=[region])
    CampaignFactory(title="Survey of BE21", regions=[other_region])

    page = client_as(official).get("/reports/").content.decode()

    assert mine.title in page
    assert "Survey of BE21" not in page


def test_report_marked_out_of_date_when_inputs_change(built_report, client_as, coordinator, region_with_findings):
    assert "Out of date" not in client_as(coordinator).get("/reports/").content.decode()

    seed_theme("FUND")
    RecommendationFactory(code="new-one")

    page = client_as(coordinator).get(f"/reports/{built_report.pk}/").content.decode()
    assert "it is out of date" in page
    assert "Out of date" in client_as(coordinator).get("/reports/").content.decode()


def test_status_fragment_polls_until_done_then_refreshes(client_as, coordinator, region):
    report = ReportFactory(region=region, status=Report.Status.RUNNING)
    client = client_as(coordinator)

    running = client.get(f"/reports/{report.pk}/status/", HTTP_HX_REQUEST="true")
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE)
    done = client.get(f"/reports/{report.pk}/status/", HTTP_HX_REQUEST="true")

    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert "hx-trigger" not in done.content.decode()
    assert done["HX-Refresh"] == "true"


def test_batch_is_for_coordinators(client_as, official, coordinator, region, other_region):
    assert client_as(official).post("/reports/batches/new/", {"regions": ""}).status_code == 403

    response = client_as(coordinator).post("/reports/batches/new/", {"regions": "FI1D BE21"})

    assert response.status_code == 302
    page = client_as(coordinator).get(response["Location"])
    assert page.status_code == 200
    assert "0 of 2 reports finished" in page.content.decode()
    assert client_as(official).get(response["Location"]).status_code == 403
    assert client_as(None).get(response["Location"]).status_code == 302


def test_batch_progress_shows_counts_and_retries_failed_ones_alone(client_as, coordinator, region, other_region):
    batch = services.batch_create(regions=[region, other_region], title="Both", created_by=coordinator)
    Report.objects.filter(region=region).update(status=Report.Status.FAILED, error="disk full")
    Report.objects.filter(region=other_region).update(status=Report.Status.DONE)
    client = client_as(coordinator)

    fragment = client.get(f"/reports/batches/{batch.pk}/progress/").content.decode()
    assert "2 of 2 reports finished" in fragment
    assert "disk full" in fragment
    assert "hx-trigger" not in fragment

    client.post(f"/reports/batches/{batch.pk}/retry/")

    statuses = dict(batch.reports.values_list("region__code", "status"))
    assert statuses == {"FI1D": "queued", "BE21": "done"}


def test_report_list_runs_a_fixed_number_of_queries(client_as, coordinator, django_assert_max_num_queries):
    client = client_as(coordinator)
    ReportFactory()
    with django_assert_max_num_queries(40) as few:
        client.get("/reports/")
    for _ in range(20):
        ReportFactory(region=RegionFactory())
    with django_assert_max_num_queries(40) as many:
        client.get("/reports/")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_recommendation_library_is_curated_by_coordinators(client_as, coordinator, official):
    data = seed_theme("DATA")
    digital = FundingInstrumentFactory(code="digital-europe", name="Digital Europe Programme")
    horizon = FundingInstrumentFactory(code="horizon-europe", name="Horizon Europe")
    assert client_as(official).get("/reports/recommendations/").status_code == 403

    bad = client_as(coordinator).post(
        "/reports/recommendations/new/",
        {"code": "fed", "kind": "policy", "title": "T", "text": "X", "themes": [data.pk], "min_severity": 9},
    )
    assert bad.status_code == 200
    assert 'value="fed"' in bad.content.decode()

    good = client_as(coordinator).post(
        "/reports/recommendations/new/",
        {
            "code": "fed",
            "kind": "policy",
            "title": "Federate data",
            "text": "X",
            "themes": [data.pk],
            "min_severity": 3,
            "funding_instruments": [digital.pk, horizon.pk],
            "is_active": "on",
        },
    )
    assert good.status_code == 302
    saved = Recommendation.objects.get(code="fed")
    assert sorted(saved.funding_instruments.values_list("code", flat=True)) == ["digital-europe", "horizon-europe"]
    page = client_as(coordinator).get("/reports/recommendations/").content.decode()
    assert "Federate data" in page


def test_batch_page_lists_every_region_with_status_time_and_link_and_filters_by_status(
    client_as, coordinator, region, other_region
):
    batch = services.batch_create(regions=[region, other_region], title="Both", created_by=coordinator)
    Report.objects.filter(region=region).update(status=Report.Status.FAILED, error="disk full")
    done = Report.objects.get(region=other_region)
    Report.objects.filter(pk=done.pk).update(status=Report.Status.DONE, build_ms=812)
    client = client_as(coordinator)

    # Each name is marked with its language, for screen readers.
    finnish = 'FI1D <span lang="fi">Pohjois- ja Itä-Suomi</span>'
    flemish = 'BE21 <span lang="nl">Prov. Antwerpen</span>'
    page = client.get(f"/reports/batches/{batch.pk}/").content.decode()
    assert finnish in page and flemish in page
    assert f'href="/reports/{done.pk}/"' in page and "812 ms" in page

    only_done = client.get(f"/reports/batches/{batch.pk}/", {"status": "done"}).content.decode()
    assert flemish in only_done and "Pohjois" not in only_done
    unknown = client.get(f"/reports/batches/{batch.pk}/", {"status": "nonsense"}).content.decode()
    assert finnish in unknown and flemish in unknown


def test_batch_zip_holds_every_finished_pdf_and_only_them(
    client_as, coordinator, official, region, other_region, media_root
):
    import io
    import zipfile

    batch = services.batch_create(regions=[region, other_region], title="Both", created_by=coordinator)
    client = client_as(coordinator)
    assert client.get(f"/reports/batches/{batch.pk}/reports.zip").status_code == 404
    built = services.report_build(report_id=Report.objects.get(region=region).pk, worker="test")

    response = client.get(f"/reports/batches/{batch.pk}/reports.zip")

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["saphire-report-FI1D.pdf"]
    assert archive.read("saphire-report-FI1D.pdf")[:4] == b"%PDF"
    assert len(archive.read("saphire-report-FI1D.pdf")) == built.pdf_bytes
    assert client_as(official).get(f"/reports/batches/{batch.pk}/reports.zip").status_code == 403


def test_batch_page_runs_a_fixed_number_of_queries(client_as, coordinator, django_assert_max_num_queries):
    regions = [RegionFactory() for _ in range(2)]
    batch = services.batch_create(regions=regions, title="Few", created_by=coordinator)
    client = client_as(coordinator)
    with django_assert_max_num_queries(30) as few:
        client.get(f"/reports/batches/{batch.pk}/")
    many = services.batch_create(
        regions=[*regions, *[RegionFactory() for _ in range(20)]], title="Many", created_by=coordinator
    )
    with django_assert_max_num_queries(30) as more:
        client.get(f"/reports/batches/{many.pk}/")
    assert len(few.captured_queries) == len(more.captured_queries)


def test_report_request_for_a_campaign_without_accepted_answers_is_refused_with_a_message(
    client_as, coordinator, region
):
    from tests.factories import CampaignFactory

    empty = CampaignFactory(title="Spring survey")
    empty.regions.add(region)

    response = client_as(coordinator).post("/reports/request/", {"region": "FI1D", "campaign": empty.pk}, follow=True)

    assert Report.objects.count() == 0
    [message] = [str(m) for m in response.context["messages"]]
    assert "no accepted survey response" in message
