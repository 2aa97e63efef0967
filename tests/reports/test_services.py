from pathlib import Path

import pytest

from mapping.models import Finding
from reports import services
from reports.fingerprint import fingerprint, fingerprints
from reports.models import Report
from tests.factories import (
    FindingFactory,
    RecommendationFactory,
    RegionFactory,
    ReportFactory,
    seed_theme,
)

pytestmark = pytest.mark.django_db


def test_report_request_queues_one_build(region, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        report, queued = services.report_request(region=region, requested_by=coordinator)

    assert (report.status, queued, len(callbacks)) == (Report.Status.QUEUED, True, 1)
    assert report.fingerprint == fingerprint(region=region)


def test_report_request_returns_the_live_report_while_inputs_are_unchanged(region, coordinator):
    first, _ = services.report_request(region=region, requested_by=coordinator)

    second, queued = services.report_request(region=region, requested_by=coordinator)

    assert (second.pk, queued) == (first.pk, False)


def test_report_request_builds_again_after_a_failure(region, coordinator):
    failed = ReportFactory(region=region, fingerprint=fingerprint(region=region), status=Report.Status.FAILED)

    report, queued = services.report_request(region=region, requested_by=coordinator)

    assert queued is True
    assert report.pk != failed.pk


def test_fingerprint_changes_when_a_finding_or_the_library_changes(region):
    before = fingerprint(region=region)
    finding = FindingFactory(region=region, theme=seed_theme("DATA"))
    after_finding = fingerprint(region=region)
    finding.status = Finding.Status.DISMISSED
    finding.save()
    after_dismissal = fingerprint(region=region)
    RecommendationFactory(code="x")
    after_library = fingerprint(region=region)

    assert len({before, after_finding, after_dismissal, after_library}) == 4


def test_fingerprint_changes_with_the_region_profile_only_for_that_region(region, other_region):
    before = fingerprints(region_ids=[region.pk, other_region.pk])
    region.name = "Pohjois-Suomi"
    region.save()

    after = fingerprints(region_ids=[region.pk, other_region.pk])

    assert after[region.pk] != before[region.pk]
    assert after[other_region.pk] == before[other_region.pk]


def test_fingerprints_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    few = [RegionFactory().pk for _ in range(2)]
    many = few + [RegionFactory().pk for _ in range(30)]
    with django_assert_max_num_queries(20) as few_queries:
        fingerprints(region_ids=few)
    with django_assert_max_num_queries(20) as many_queries:
        fingerprints(region_ids=many)
    assert len(few_queries.captured_queries) == len(many_queries.captured_queries)


def test_report_build_writes_html_and_pdf_and_is_idempotent(region_with_findings, coordinator, media_root):
    report, _ = services.report_request(region=region_with_findings, requested_by=coordinator)

    built = services.report_build(report_id=report.pk)
    again = services.report_build(report_id=report.pk)

    assert (built.status, built.attempts, again.attempts) == (Report.Status.DONE, 1, 1)
    pdf = Path(media_root) / built.pdf_path
    assert pdf.read_bytes().startswith(b"%PDF")
    html = (Path(media_root) / built.html_path).read_text()
    assert "No shared genomic data platform" in html
    assert built.summary["recommendations"][0]["code"] == "data-federation"
    assert built.summary["recommendations"][0]["triggers"][0]["label"] == "Gap: No shared genomic data platform"


def test_report_build_rebuilds_a_report_left_running_by_a_dead_worker(region_with_findings, media_root):
    report = ReportFactory(
        region=region_with_findings, fingerprint=fingerprint(region=region_with_findings), status="running", attempts=1
    )

    built = services.report_build(report_id=report.pk)

    assert (built.status, built.attempts) == (Report.Status.DONE, 2)


def test_report_build_records_the_reason_of_a_failure(region_with_findings, settings, tmp_path):
    occupied = tmp_path / "file"
    occupied.write_text("x")
    settings.MEDIA_ROOT = occupied / "media"
    report, _ = services.report_request(region=region_with_findings, requested_by=None)

    failed = services.report_build(report_id=report.pk)

    assert failed.status == Report.Status.FAILED
    assert failed.error.startswith("Could not write the report files:")
    assert failed.pdf_path == ""


def test_write_atomically_replaces_the_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "r" / "report.pdf"
    services.write_atomically(target, b"old")

    services.write_atomically(target, b"new content")

    assert target.read_bytes() == b"new content"
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]


def test_report_retry_queues_the_failed_report_again(region, coordinator, django_capture_on_commit_callbacks):
    failed = ReportFactory(region=region, status=Report.Status.FAILED, error="boom")

    with django_capture_on_commit_callbacks() as callbacks:
        retried = services.report_retry(report=failed, requested_by=coordinator)

    assert (retried.pk, retried.status, retried.error, len(callbacks)) == (failed.pk, "queued", "", 1)
    assert retried.fingerprint == fingerprint(region=region)


def test_publish_refuses_an_unfinished_report(region, coordinator):
    report = ReportFactory(region=region, status=Report.Status.RUNNING)

    with pytest.raises(ValueError):
        services.report_publish(report=report, published_by=coordinator)


def test_batch_reuses_up_to_date_reports_and_queues_the_rest(region, other_region, coordinator, media_root):
    done, _ = services.report_request(region=region, requested_by=coordinator)
    services.report_build(report_id=done.pk)

    batch = services.batch_create(regions=[region, other_region], title="All", created_by=coordinator)

    reports = {r.region_id: r for r in batch.reports.all()}
    assert reports[region.pk].pk == done.pk
    assert reports[other_region.pk].status == Report.Status.QUEUED
    second = services.batch_create(regions=[region, other_region], title="Again", created_by=coordinator)
    assert set(second.reports.values_list("pk", flat=True)) == {r.pk for r in reports.values()}


def test_batch_create_runs_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries):
    few = [RegionFactory() for _ in range(2)]
    many = [RegionFactory() for _ in range(40)]
    with django_assert_max_num_queries(30) as few_queries:
        services.batch_create(regions=few, title="few", created_by=coordinator)
    with django_assert_max_num_queries(30) as many_queries:
        services.batch_create(regions=many, title="many", created_by=coordinator)
    assert len(few_queries.captured_queries) == len(many_queries.captured_queries)


def test_batch_retry_failed_requeues_only_the_failed(region, other_region, coordinator):
    batch = services.batch_create(regions=[region, other_region], title="All", created_by=coordinator)
    failed = batch.reports.get(region=region)
    Report.objects.filter(pk=failed.pk).update(status=Report.Status.FAILED, error="disk full")

    count = services.batch_retry_failed(batch=batch, requested_by=coordinator)

    assert count == 1
    assert dict(batch.reports.values_list("region__code", "status")) == {"FI1D": "queued", "BE21": "queued"}


def test_recommendation_save_bumps_the_version(coordinator):
    recommendation = RecommendationFactory(code="gov-strategy")
    theme = seed_theme("GOV")

    services.recommendation_save(recommendation=recommendation, themes=[theme])
    recommendation.refresh_from_db()

    assert recommendation.version == 2
    assert list(recommendation.themes.values_list("code", flat=True)) == ["GOV"]


def test_report_is_written_in_the_portal_language_whatever_the_thread_speaks(region_with_findings, media_root):
    from django.utils import translation

    report, _ = services.report_request(region=region_with_findings, requested_by=None)
    with translation.override("fr"):
        built = services.report_build(report_id=report.pk)

    html = (Path(media_root) / built.html_path).read_text()
    assert "<h2>Map</h2>" in html  # "Carte" in French
