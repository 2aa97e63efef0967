"""Issue 19's first journey, in order and in a real browser, with a real worker sending the mails."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from notifications import tasks
from notifications.models import DigestPreference
from tests.journeys import mail_to, page_as, path_of, sign_up_and_verify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Please add the hospital biobank to the data platform."
CHANGE = "The hospital biobank joins the data platform in phase 1."


def test_stakeholder_comment_is_answered_digested_and_changes_the_published_version(
    page, browser, live_server, celery_worker, draft_roadmap, official, coordinator
):
    # A stakeholder signs up, verifies the email and follows FI1D.
    sign_up_and_verify(page, celery_worker, username="petra", email="petra@example.eu", region_code="FI1D")
    assert User.objects.get(username="petra").is_active is True
    page.goto("/regions/FI1D/")
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_text("You follow FI1D")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Unfollow"))).to_be_visible()

    # The region's official opens its draft roadmap for comments.
    official_ctx, olli = page_as(browser, live_server, official)
    olli.goto("/roadmap/regions/FI1D/edit/")
    olli.get_by_role("link", name="Open the draft for comments").click()
    olli.get_by_label("Title").fill("Draft roadmap 2027")
    olli.get_by_label("Start").fill(timezone.localdate().isoformat())
    olli.get_by_label("End").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    olli.get_by_role("button", name="Open the consultation").click()
    expect(olli.get_by_role("heading", level=1)).to_have_text("Draft roadmap 2027")

    # The stakeholder comments on an item of the draft and endorses it.
    page.goto("/roadmap/regions/FI1D/")
    page.get_by_role("link", name="Consultation: Draft roadmap 2027").click()
    page.get_by_label("Comment on DATA-01").fill(COMMENT)
    page.locator("#item-DATA-01").get_by_role("button", name="Send comment").click()
    expect(page.locator("#item-DATA-01")).to_contain_text("Please add the hospital biobank")
    page.locator("#item-DATA-01").get_by_role("button", name="Endorse").click()
    expect(page.locator("#item-DATA-01")).to_contain_text("1 endorsement")

    # The official answers for the region and records the change the comment asked for.
    olli.reload()
    olli.locator("#item-DATA-01").get_by_role("link", name="Reply").click()
    olli.get_by_label("Your comment").fill("Agreed: the biobank joins in phase 1.")
    olli.get_by_label("Answer on behalf of the region").check()
    olli.get_by_role("button", name="Send reply").click()
    expect(olli.locator("#item-DATA-01")).to_contain_text("The region's answer")
    olli.get_by_role("link", name="Record a change made because of comments").first.click()
    olli.get_by_label("Item").select_option("DATA-01")
    olli.get_by_label("What changed").fill(CHANGE)
    olli.get_by_label(re.compile("Please add the hospital biobank")).check()
    olli.get_by_role("button", name="Record the change").click()
    expect(olli.locator("#item-DATA-01")).to_contain_text(CHANGE)
    official_ctx.close()

    # The stakeholder sees the answer in the header count and the notification list.
    page.reload()
    expect(page.locator(".notifications-link .badge").first).to_have_text("2")
    page.locator(".notifications-link").first.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.locator("main")).to_contain_text("opened a consultation: Draft roadmap 2027")
    page.get_by_role("link", name=re.compile("answered for the region on")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft roadmap 2027")
    expect(page.locator("#item-DATA-01")).to_contain_text("Agreed: the biobank joins in phase 1.")

    # Beat's daily digest, run by the real worker, mails it with a one-click unsubscribe.
    tasks.digest_send_due.delay(frequency="daily")
    digest = mail_to(celery_worker, "petra@example.eu", "new notification")
    answered = re.search(r"answered for the region on .*\n\s+(\S+)", digest.get_content())
    assert answered, digest.get_content()
    page.goto(path_of(answered.group(1)))
    expect(page.locator("#item-DATA-01")).to_contain_text("Agreed: the biobank joins in phase 1.")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<(\S+)>", digest["List-Unsubscribe"]).group(1)

    # The coordinator closes the consultation and publishes the roadmap.
    cora_ctx, cora = page_as(browser, live_server, coordinator)
    cora.get_by_role("navigation", name="Main").first.get_by_role("link", name="Take part").click()
    cora.get_by_role("link", name="Draft roadmap 2027").click()
    cora.get_by_role("button", name="Close the consultation").click()
    expect(cora.get_by_role("heading", level=1)).to_contain_text("Summary")
    cora.goto("/roadmap/regions/FI1D/edit/")
    cora.get_by_role("button", name="Publish this roadmap").click()
    cora_ctx.close()

    # The published version shows the change made because of the comment, and links to it.
    page.goto("/roadmap/regions/FI1D/")
    expect(page.locator(".phase-timeline")).to_contain_text("Changed because of your comments")
    page.get_by_role("link", name="See the comments").click()
    expect(page.locator("#item-DATA-01")).to_contain_text(CHANGE)
    expect(page.locator("#item-DATA-01")).to_contain_text(COMMENT)

    # The digest's unsubscribe link works without signing in.
    visitor_ctx, visitor = page_as(browser, live_server, None)
    visitor.goto(path_of(unsubscribe))
    visitor.get_by_role("button", name="Unsubscribe").click()
    expect(visitor.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert DigestPreference.objects.get(user__username="petra").frequency == DigestPreference.Frequency.NEVER
    visitor_ctx.close()
