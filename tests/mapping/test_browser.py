import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from mapping.models import Response
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set MAPPING_SCREENSHOTS=<dir> to keep screenshots of the main pages at phone and desktop widths.
SHOTS = os.environ.get("MAPPING_SCREENSHOTS")


def shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def question(page, code):
    return page.locator(".question", has=page.locator(".question-code", has_text=code))


def saved(page, code):
    expect(question(page, code).locator(".save-state")).to_have_text("Saved")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def start_response(page, campaign, region) -> None:
    """The region's page offers a button: a response is only ever created by a POST."""
    page.goto(f"/mapping/campaigns/{campaign.pk}/regions/{region.code}/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.wait_for_url("**/mapping/responses/*/")


def test_official_fills_submits_coordinator_returns_then_accepts(page, campaign, region, official, coordinator):
    browser_login(page, official.username)
    start_response(page, campaign, region)

    # Part of the first section, then a reload: nothing is lost.
    question(page, "DATA-1").get_by_text("To a large extent").click()
    saved(page, "DATA-1")
    expect(question(page, "DATA-3")).to_be_hidden()
    question(page, "DATA-2").get_by_label("Yes").check()
    saved(page, "DATA-2")
    expect(question(page, "DATA-3")).to_be_visible()
    question(page, "DATA-3").get_by_label("Number").fill("120x")
    question(page, "DATA-3").get_by_label("Number").press("Tab")
    expect(question(page, "DATA-3").locator(".errorlist")).to_have_text("Enter a number, for example 12 or 3.5.")
    # A number saves while typing, without leaving the field; each keystroke's save builds on the last reply.
    question(page, "DATA-3").get_by_label("Number").fill("")
    question(page, "DATA-3").get_by_label("Number").press_sequentially("120", delay=120)
    saved(page, "DATA-3")
    expect(page.locator(".progress-text")).to_contain_text("60% complete")
    page.reload()
    expect(question(page, "DATA-1").locator("input[value='4']")).to_be_checked()
    expect(question(page, "DATA-3").get_by_label("Number")).to_have_value("120")

    # Submitting too early lists what is missing, and the official stays on the section they were in.
    page.get_by_role("link", name="Workforce").click()
    expect(page.locator("#submit-summary")).to_contain_text("Before you submit")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#missing")).to_contain_text("EDU-1")
    expect(page.locator("#section-nav [aria-current=step]")).to_contain_text("Workforce")

    question(page, "EDU-1").get_by_label("Some").check()
    saved(page, "EDU-1")
    question(page, "EDU-2").get_by_label("Medical").check()
    saved(page, "EDU-2")
    expect(page.locator("#section-nav li", has_text="Workforce").locator(".section-count")).to_have_text("2/2")
    expect(page.locator("#submit-summary")).to_contain_text("Every required question is answered.")
    shoot(page, "filling-in")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted")
    expect(page.locator(".answer-form")).to_have_count(0)
    response = Response.objects.get(campaign=campaign, region=region)
    assert response.status == Response.Status.SUBMITTED

    # The coordinator returns it with a general comment and a comment on one question, confirming the return.
    sign_out(page)
    browser_login(page, coordinator.username)
    page.goto(f"/mapping/campaigns/{campaign.pk}/")
    expect(page.locator("table.board")).to_contain_text("Submitted")
    shoot(page, "campaign-board")
    page.get_by_role("link", name="Review").click()
    page.get_by_label("Comment on DATA-1").fill("Which document supports this?")
    page.get_by_label("General comment to the officials").fill("Please name a source for every rating.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".messages")).to_contain_text("Returned")
    assert dialogs and dialogs[-1].startswith("Return the response")
    page.goto(f"/mapping/results/?campaign={campaign.pk}")
    expect(page.locator("table.heatmap")).to_contain_text("No accepted response")

    # The official sees both comments where they belong, replies, fixes and resubmits.
    sign_out(page)
    browser_login(page, official.username)
    page.goto(f"/mapping/responses/{response.pk}/")
    expect(page.locator(".general-comments")).to_contain_text("Please name a source for every rating.")
    expect(page.locator("#section-nav li", has_text="Data").locator(".comment-count")).to_have_text("1 comment")
    expect(question(page, "DATA-1").locator(".review-comment")).to_contain_text("Which document supports this?")
    question(page, "DATA-1").get_by_label("Reply").fill("The regional EHR report, 2025.")
    question(page, "DATA-1").get_by_role("button", name="Send reply").click()
    expect(page.locator(".messages")).to_contain_text("Reply sent")
    expect(question(page, "DATA-1").locator(".review-reply")).to_contain_text("The regional EHR report, 2025.")
    question(page, "DATA-1").get_by_text("Fully").click()
    saved(page, "DATA-1")
    question(page, "DATA-1").get_by_text("Evidence and confidence").click()
    question(page, "DATA-1").get_by_label("Source").select_option("document")
    saved(page, "DATA-1")
    page.get_by_role("link", name="Workforce").click()
    expect(page.locator(".general-comments")).to_contain_text("Please name a source for every rating.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted")

    # The coordinator sees what changed since the return with the reply, resolves, and accepts after confirming.
    sign_out(page)
    browser_login(page, coordinator.username)
    page.goto(f"/mapping/responses/{response.pk}/review/")
    changed = page.locator("#q-" + str(response.campaign.version.questions.get(code="DATA-1").pk))
    expect(changed.locator(".diff-table")).to_contain_text("4 · To a large extent")
    expect(changed.locator(".diff-table")).to_contain_text("5 · Fully")
    expect(changed.locator(".diff-table")).to_contain_text("Document")
    expect(changed.locator(".review-reply")).to_contain_text("The regional EHR report, 2025.")
    changed.get_by_role("button", name="Resolve").click()
    expect(page.locator(".messages")).to_contain_text("Comment resolved")
    page.get_by_role("button", name="Accept the response").click()
    expect(page.locator(".messages")).to_contain_text("Accepted")
    assert dialogs[-1].startswith("Accept the response? 1 review comment is still open.")

    # One timeline tells the whole story, and the export reads back typed.
    page.goto(f"/mapping/responses/{response.pk}/history/")
    timeline = page.locator("table.timeline")
    for step in ("Submitted", "Returned", "Replied to a comment", "Resolved a comment", "Accepted", "Evidence source"):
        expect(timeline).to_contain_text(step)
    page.goto(f"/mapping/campaigns/{campaign.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX (wide)", exact=True).click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert workbook.sheetnames == ["Regions", "Codebook"]
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    header = [cell.value for cell in workbook["Regions"][1]]
    row = dict(zip(header, [cell.value for cell in workbook["Regions"][2]], strict=True))
    assert (row["DATA-1"], row["DATA-3"]) == (5, 120)
    page.goto(f"/mapping/results/?campaign={campaign.pk}")
    row = page.locator("table.heatmap tbody tr", has_text="FI1D")
    # DATA: Likert 5 (weight 2) and yes; EDU: "Some" (50) and Medical (50).
    expect(row.locator("td[title='Data infrastructure and interoperability']")).to_have_text("100")
    expect(row.locator("td[title='Professional education and workforce']")).to_have_text("50")
    shoot(page, "heatmap")
    page.goto(f"/mapping/results/regions/{region.code}/")
    expect(page.locator("table.region-scores")).to_contain_text("100")


def test_failed_save_shows_retry_and_keeps_the_answer(page, campaign, region, official):
    browser_login(page, official.username)
    start_response(page, campaign, region)
    page.route("**/answers/**", lambda route: route.abort())

    question(page, "DATA-1").get_by_text("To some extent").click()

    expect(question(page, "DATA-1").locator(".save-state")).to_contain_text("Not saved")
    retry = question(page, "DATA-1").get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    page.unroute("**/answers/**")
    retry.click()
    saved(page, "DATA-1")
    expect(retry).to_be_hidden()
    assert Response.objects.get(campaign=campaign, region=region).answers.get().value == 3


def test_second_official_sees_a_conflict_instead_of_overwriting(page, browser, live_server, campaign, region, official):
    from tests.factories import RegionMembershipFactory

    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    browser_login(page, official.username)
    start_response(page, campaign, region)
    other_context = browser.new_context(base_url=live_server.url)
    other = other_context.new_page()
    browser_login(other, colleague.username)
    other.goto(page.url)

    question(other, "DATA-1").get_by_text("Not at all").click()
    saved(other, "DATA-1")
    question(page, "DATA-1").get_by_text("Fully").click()

    conflict = question(page, "DATA-1").locator(".conflict")
    expect(conflict).to_contain_text("Saved by kaisa")
    expect(conflict.locator(".conflict-theirs")).to_have_text("1 · Not at all")
    expect(conflict.locator(".conflict-mine")).to_have_text("5 · Fully")
    expect(conflict).to_contain_text(" at ")
    answer = Response.objects.get(campaign=campaign, region=region).answers.get()
    assert answer.value == 1

    # "Keep mine" stores the official's answer on top of the colleague's without retyping it.
    conflict.get_by_role("button", name="Keep mine").click()
    saved(page, "DATA-1")
    answer.refresh_from_db()
    assert (answer.value, answer.answered_by) == (5, official)
    other_context.close()


def is_answer_save(reply) -> bool:
    return reply.request.method == "POST" and "/answers/" in reply.url


def test_refused_saves_answer_409_and_422_and_the_page_explains_them(
    page, browser, live_server, campaign, region, official
):
    from tests.factories import RegionMembershipFactory

    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    browser_login(page, official.username)
    start_response(page, campaign, region)
    other_context = browser.new_context(base_url=live_server.url)
    other = other_context.new_page()
    browser_login(other, colleague.username)
    other.goto(page.url)
    question(other, "DATA-1").get_by_text("Not at all").click()
    saved(other, "DATA-1")

    with page.expect_response(is_answer_save) as conflict_reply:
        question(page, "DATA-1").get_by_text("Fully").click()

    assert conflict_reply.value.status == 409
    conflict = question(page, "DATA-1").locator(".conflict")
    expect(conflict).to_contain_text("Saved by kaisa")
    expect(conflict.locator(".conflict-mine")).to_have_text("5 · Fully")
    expect(question(page, "DATA-1").locator(".save-state")).to_have_text("Not saved.")
    expect(question(page, "DATA-1").get_by_role("button", name="Retry")).to_be_hidden()

    question(page, "DATA-2").get_by_label("Yes").check()
    saved(page, "DATA-2")
    number = question(page, "DATA-3").get_by_label("Number")
    with page.expect_response(is_answer_save) as invalid_reply:
        number.fill("120x")
        number.press("Tab")

    assert invalid_reply.value.status == 422
    expect(question(page, "DATA-3").locator(".errorlist")).to_have_text("Enter a number, for example 12 or 3.5.")
    expect(question(page, "DATA-3").locator(".save-state")).to_have_text("Not saved: fix the value above.")
    expect(question(page, "DATA-3").get_by_role("button", name="Retry")).to_be_hidden()
    assert not Response.objects.get(campaign=campaign, region=region).answers.filter(question__code="DATA-3").exists()
    other_context.close()
