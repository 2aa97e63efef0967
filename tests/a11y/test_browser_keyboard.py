"""An official signs in, fills in two sections and submits with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from mapping.models import Question, Response
from tests.factories import CampaignFactory, QuestionFactory, QuestionnaireVersionFactory, SectionFactory
from tests.helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  return [el.tagName.toLowerCase(), el.id, (el.getAttribute("aria-label") || label || el.textContent || "").trim()];
}"""


def tab_to(page, matches, *, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until the focused element satisfies `matches`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        tag, element_id, text = page.evaluate(FOCUSED)
        if matches(tag, element_id, text):
            return
    pytest.fail(f"the keyboard never reached the element (last: {tag} {element_id} {text!r})")


def named(name, tag=None):
    return lambda t, _id, text: name in text and (tag is None or t == tag)


@pytest.fixture
def survey(region):
    version = QuestionnaireVersionFactory()
    first = SectionFactory(version=version, order=1, title="Data")
    second = SectionFactory(version=version, order=2, title="Workforce")
    QuestionFactory(section=first, code="DATA-1", order=1, kind=Question.Kind.YES_NO, text="Is there a registry?")
    QuestionFactory(
        section=second,
        code="EDU-1",
        order=1,
        kind=Question.Kind.SINGLE,
        options=[
            {"value": "none", "label": "None", "score": 0},
            {"value": "some", "label": "Some", "score": 50},
            {"value": "all", "label": "All", "score": 100},
        ],
        text="Which share of hospitals offers genetic counselling?",
    )
    return CampaignFactory(version=version, regions=[region], title="Mapping 2026")


def test_official_fills_two_sections_and_submits_with_the_keyboard(page, survey, region, official):
    page.goto("/accounts/login/")
    tab_to(page, lambda tag, element_id, text: element_id == "id_username")
    page.keyboard.type(official.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/dashboard/")

    page.goto(f"/mapping/campaigns/{survey.pk}/regions/{region.code}/")
    tab_to(page, named("Start the questionnaire", "button"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/mapping/responses/*/")

    # First section: the radio group takes the focus once; Space picks the focused option.
    tab_to(page, named("Yes", "input"))
    page.keyboard.press("Space")
    expect(page.locator(".question .save-state").first).to_have_text("Saved")

    tab_to(page, named("Next section", "a"))
    page.keyboard.press("Enter")
    page.wait_for_url("**section=2*")
    # The focus lands on the new section's heading, not at the top of the page.
    expect(page.locator("#current-section")).to_be_focused()
    expect(page.locator("#current-section")).to_contain_text("Workforce")

    # Second section: arrow keys move within the radio group and choose as they go.
    tab_to(page, named("None", "input"))
    page.keyboard.press("ArrowDown")
    tag, _id, text = page.evaluate(FOCUSED)
    assert text == "Some"
    expect(page.locator(".question .save-state").first).to_have_text("Saved")
    # Shift+Tab goes back out of the group, Tab comes back to the chosen option.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)[2] == "Some"

    tab_to(page, named("Submit for review", "button"))
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Submitted")
    assert Response.objects.get(campaign=survey, region=region).status == Response.Status.SUBMITTED


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


RING = """() => {
  const el = document.activeElement;
  let bg = "rgb(255, 255, 255)";
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { bg = colour; break; }
  }
  const style = getComputedStyle(el);
  return [style.outlineColor, style.outlineStyle, style.outlineWidth, bg];
}"""


def test_the_focus_ring_stands_out_three_to_one(page):
    page.goto("/")
    # In the dark header (the brand link), then on the page (a link in the main content).
    tab_to(page, named("SAPHIRe Regions", "a"))
    colour, style, width, background = page.evaluate(RING)
    assert style == "solid" and float(width.removesuffix("px")) >= 2
    assert contrast(colour, background) >= 3, (colour, background)

    tab_to(page, named("Explore the map", "a"))
    colour, style, width, background = page.evaluate(RING)
    assert style == "solid" and float(width.removesuffix("px")) >= 2
    assert contrast(colour, background) >= 3, (colour, background)
