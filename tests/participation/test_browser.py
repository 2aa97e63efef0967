"""Issue 19's second journey: a finding becomes a reviewed, published best practice and evidence for its module.
The first journey (sign-up to the published change) is in test_browser_done.py."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import FindingFactory, published_module, seed_theme
from tests.journeys import page_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_finding_promoted_reviewed_published_and_shown_on_its_module_page(
    browser, live_server, region, official, coordinator
):
    published_module("GEN-01", themes=["DATA"], title="Genomic medicine centre")
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="strength", title="Biobank consent at admission")

    # The region's official promotes its finding, completes it and sends it for review.
    context, olli = page_as(browser, live_server, official)
    olli.goto("/participate/best-practices/")
    olli.get_by_role("link", name="Propose a best practice").click()
    olli.get_by_role("button", name="Promote “Biobank consent at admission”").click()
    olli.wait_for_url(re.compile(r"/participate/best-practices/\d+/edit/"))
    olli.get_by_label("Results").fill("85% of patients consented in two years.")
    olli.get_by_role("button", name="Save").click()
    olli.get_by_role("button", name="Send for review").click()
    expect(olli.locator("main")).to_contain_text("Awaiting review")
    expect(olli.get_by_role("button", name="Publish")).to_have_count(0)
    context.close()

    # A coordinator reviews it from the library and publishes it.
    context, cora = page_as(browser, live_server, coordinator)
    cora.goto("/participate/best-practices/")
    cora.locator("#drafts-h + ul").get_by_role("link", name="Biobank consent at admission").click()
    expect(cora.locator("main")).to_contain_text("85% of patients consented")
    cora.get_by_role("button", name="Publish").click()
    expect(cora.get_by_role("heading", level=1)).to_have_text("Biobank consent at admission")
    context.close()

    context, visitor = page_as(browser, live_server, None)
    visitor.goto("/roadmap/modules/GEN-01/")
    visitor.locator("#evidence-h").scroll_into_view_if_needed()
    visitor.get_by_role("link", name="Biobank consent at admission").click()
    expect(visitor.locator("main")).to_contain_text("85% of patients consented")
    context.close()
