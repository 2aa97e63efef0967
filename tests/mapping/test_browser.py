import os
from pathlib import Path

import pytest
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
