import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Notification
from tests.factories import FindingFactory, published_module, seed_theme
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if user is not None:
        browser_login(page, user.username)
    return context, page


def test_comment_answer_change_and_the_published_version_shows_it(
    browser, live_server, draft_roadmap, official, stakeholder, coordinator
):
    official_ctx, olli = _as(browser, live_server, official)
    olli.goto("/roadmap/regions/FI1D/edit/")
    olli.get_by_role("link", name="Open the draft for comments").click()
    olli.get_by_label("Title").fill("Draft roadmap 2027")
    olli.get_by_label("Start").fill(timezone.localdate().isoformat())
    olli.get_by_label("End").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    olli.get_by_role("button", name="Open the consultation").click()
    expect(olli.get_by_role("heading", level=1)).to_have_text("Draft roadmap 2027")

    stella_ctx, stella = _as(browser, live_server, stakeholder)
    stella.goto("/roadmap/regions/FI1D/")
    stella.get_by_role("link", name="Consultation: Draft roadmap 2027").click()
    stella.get_by_label("Comment on DATA-01").fill("Please add the hospital biobank to the data platform.")
    stella.locator("#item-DATA-01").get_by_role("button", name="Send comment").click()
    expect(stella.locator("#item-DATA-01")).to_contain_text("Please add the hospital biobank")
    stella.locator("#item-DATA-01").get_by_role("button", name="Endorse").click()
    expect(stella.locator("#item-DATA-01")).to_contain_text("1 endorsement")

    olli.reload()
    olli.locator("#item-DATA-01").get_by_role("link", name="Reply").click()
    olli.get_by_label("Your comment").fill("Agreed: the biobank joins in phase 1.")
    olli.get_by_label("Answer on behalf of the region").check()
    olli.get_by_role("button", name="Send reply").click()
    expect(olli.locator("#item-DATA-01")).to_contain_text("The region's answer")
    assert list(Notification.objects.filter(recipient=stakeholder).values_list("kind", flat=True)) == ["region_answer"]

    olli.get_by_role("link", name="Record a change made because of comments").first.click()
    olli.get_by_label("Item").select_option("DATA-01")
    olli.get_by_label("What changed").fill("The hospital biobank joins the data platform in phase 1.")
    olli.get_by_label(re.compile("Please add the hospital biobank")).check()
    olli.get_by_role("button", name="Record the change").click()
    expect(olli.locator("#item-DATA-01")).to_contain_text("The hospital biobank joins the data platform")
    official_ctx.close()
    stella_ctx.close()

    cora_ctx, cora = _as(browser, live_server, coordinator)
    cora.goto("/participate/consultations/")
    cora.get_by_role("link", name="Draft roadmap 2027").click()
    cora.get_by_role("button", name="Close the consultation").click()
    expect(cora.get_by_role("heading", level=1)).to_contain_text("Summary")
    cora.goto("/roadmap/regions/FI1D/edit/")
    cora.get_by_role("button", name="Publish this roadmap").click()
    cora_ctx.close()

    visitor_ctx, visitor = _as(browser, live_server, None)
    visitor.goto("/roadmap/regions/FI1D/")
    expect(visitor.locator(".phase-timeline")).to_contain_text("Changed because of your comments")
    visitor.get_by_role("link", name="See the comments").click()
    expect(visitor.locator("#item-DATA-01")).to_contain_text("The hospital biobank joins the data platform")
    expect(visitor.locator("#item-DATA-01")).to_contain_text("Please add the hospital biobank")
    visitor_ctx.close()


def test_finding_promoted_reviewed_published_and_shown_on_its_module_page(browser, live_server, region, coordinator):
    published_module("GEN-01", themes=["DATA"], title="Genomic medicine centre")
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="strength", title="Biobank consent at admission")

    context, cora = _as(browser, live_server, coordinator)
    cora.goto("/participate/best-practices/")
    cora.get_by_role("link", name="Propose a best practice").click()
    cora.get_by_role("button", name="Promote “Biobank consent at admission”").click()
    cora.wait_for_url(re.compile(r"/participate/best-practices/\d+/edit/"))
    cora.get_by_label("Results").fill("85% of patients consented in two years.")
    cora.get_by_role("button", name="Save").click()
    cora.get_by_role("button", name="Send for review").click()
    cora.get_by_role("button", name="Publish").click()
    expect(cora.get_by_role("heading", level=1)).to_have_text("Biobank consent at admission")
    context.close()

    context, visitor = _as(browser, live_server, None)
    visitor.goto("/roadmap/modules/GEN-01/")
    visitor.locator("#evidence-h").scroll_into_view_if_needed()
    visitor.get_by_role("link", name="Biobank consent at admission").click()
    expect(visitor.locator("main")).to_contain_text("85% of patients consented")
    context.close()
