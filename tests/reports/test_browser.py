"""The coordinator's journey in Chromium: build every report in one click, watch, read, publish."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import RegionFactory
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_coordinator_builds_all_reports_watches_progress_and_publishes(
    page, celery_worker, coordinator, region_with_findings
):
    RegionFactory(code="BE21", name="Prov. Antwerpen", country_code="BE", level=2)
    browser_login(page, coordinator.username)

    page.goto("/reports/")
    page.get_by_role("button", name="Build all reports").click()

    page.wait_for_url(re.compile(r"/reports/batches/\d+/$"))
    expect(page.get_by_text("The batch is complete.")).to_be_visible(timeout=60_000)
    expect(page.locator(".batch-count.done strong")).to_have_text("2")

    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.batch-reports tbody tr")).to_have_count(2)
    archive = page.request.get(
        page.get_by_role("link", name="Download the 2 finished PDFs as one zip").get_attribute("href")
    )
    assert (archive.status, archive.body()[:2]) == (200, b"PK")
    page.get_by_role("link", name="Report of FI1D").click()
    expect(page.get_by_role("heading", name="No shared genomic data platform")).to_be_visible()
    pdf = page.request.get(page.get_by_role("link", name="Download PDF").get_attribute("href"))
    assert (pdf.status, pdf.headers["content-type"], pdf.body()[:4]) == (200, "application/pdf", b"%PDF")

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The report is published on the region's page.")).to_be_visible()

    anonymous = page.context.browser.new_page(base_url=page.url.split("/reports/")[0])
    anonymous.goto("/regions/FI1D/")
    anonymous.get_by_role("link", name=re.compile("Report published on")).click()
    expect(anonymous.get_by_role("heading", name="Invest in a federated health data platform")).to_be_visible()
    anonymous.close()
