"""The whole survey loop in one browser journey: a coordinator builds the next version with an AND/OR
condition on real options, meets the logic check, previews, publishes and opens a campaign that carries
last year's answers over; an official confirms and fills in; review goes back and forth as a
conversation; the accepted answers export as typed XLSX and read the same on the results pages."""

import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from mapping import services
from mapping.models import Campaign, Question, QuestionnaireVersion, Response
from tests.factories import CampaignFactory
from tests.helpers import browser_login
from tests.mapping.test_browser import question, saved, shoot, sign_out, start_response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def last_year_accepted(version, region, official, coordinator) -> None:
    """Last year's campaign on the published version, with an accepted response to carry over."""
    today = datetime.date.today()
    previous = CampaignFactory(
        version=version,
        regions=[region],
        title="Mapping 2025",
        opens_on=today - datetime.timedelta(days=400),
        deadline=today - datetime.timedelta(days=340),
    )
    response = services.response_start(campaign=previous, region=region)
    for code, value in (("DATA-1", "4"), ("EDU-1", "all")):
        services.answer_save(
            response=response, question=version.questions.get(code=code), value=value, base_revision=0, by=official
        )
    response.status = Response.Status.SUBMITTED
    response.save(update_fields=["status"])
    services.response_accept(response=response, by=coordinator)


def build_and_publish(page, version) -> QuestionnaireVersion:
    page.goto(f"/mapping/versions/{version.pk}/")
    page.get_by_role("button", name="Start a new version from this one").click()
    draft = QuestionnaireVersion.objects.get(questionnaire=version.questionnaire, status="draft")
    page.goto(f"/mapping/versions/{version.pk}/")
    expect(page.get_by_role("link", name=f"Open the draft (v{draft.number})")).to_be_visible()
    text = draft.questions.get(code="EDU-3")

    # The editor offers only the chosen source's own answers and the operators that fit it.
    page.goto(f"/mapping/versions/{draft.pk}/questions/{text.pk}/")
    rule = page.locator(".condition-rule").first
    rule.get_by_label("Question").select_option("DATA-2")
    op = rule.get_by_label("Operator")
    expect(op.locator("option[value=gt]")).to_be_hidden()
    expect(rule.get_by_label("Answer").locator("optgroup[label='DATA-2']")).to_be_visible()
    expect(rule.get_by_label("Answer").locator("optgroup[label='EDU-1']")).to_be_hidden()
    rule.get_by_label("Answer").select_option("DATA-2=yes")
    second = page.locator(".condition-rule").nth(1)
    second.get_by_label("Question").select_option("DATA-1")
    second.get_by_label("Operator").select_option("ge")
    expect(second.get_by_label("Answer")).to_be_hidden()
    second.get_by_label("Number").fill("4")
    page.get_by_label("Show this question when").select_option("any")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".condition-text").filter(has_text="DATA-2 = Yes or DATA-1 ≥ 4")).to_be_visible()

    # A rule on a later question is refused with a message, and nothing is stored.
    data_1 = draft.questions.get(code="DATA-1")
    page.goto(f"/mapping/versions/{draft.pk}/questions/{data_1.pk}/")
    rule = page.locator(".condition-rule").first
    rule.get_by_label("Question").select_option("EDU-1")
    rule.get_by_label("Answer").select_option("EDU-1=some")
    page.get_by_role("button", name="Save the question").click()
    expect(
        page.get_by_text("The condition refers to EDU-1, which is not an earlier question of this version.")
    ).to_be_visible()
    assert Question.objects.get(pk=data_1.pk).condition == {}

    # The logic check names the error that blocks publishing, and the publish page offers no button.
    page.goto(f"/mapping/versions/{draft.pk}/")
    expect(page.locator(".logic-errors")).to_contain_text("DATA-3 is required but hidden")
    page.get_by_role("link", name="Publish and freeze…").click()
    expect(page.get_by_role("button", name="Yes, publish and freeze")).to_have_count(0)

    # Preview: conditions live, validation messages, nothing stored.
    page.goto(f"/mapping/versions/{draft.pk}/preview/")
    data_2 = draft.questions.get(code="DATA-2")
    expect(page.locator(f"#preview-q-{text.pk}")).to_be_hidden()
    page.locator(f"#preview-q-{data_2.pk}").get_by_label("Yes").check()
    expect(page.locator(f"#preview-q-{text.pk}")).to_be_visible()
    page.get_by_role("button", name="Check the answers as a submission would").click()
    expect(page.get_by_text("This question is required.").first).to_be_visible()
    assert not Response.objects.filter(campaign__version=draft).exists()

    # Fixed in the editor, the version publishes after a confirmation that lists the warnings.
    data_3 = draft.questions.get(code="DATA-3")
    page.goto(f"/mapping/versions/{draft.pk}/questions/{data_3.pk}/")
    page.get_by_label("Required").uncheck()
    page.get_by_role("button", name="Save the question").click()
    page.goto(f"/mapping/versions/{draft.pk}/")
    expect(page.locator(".logic-errors")).to_have_count(0)
    page.get_by_role("link", name="Publish and freeze…").click()
    expect(page.locator(".logic-warnings")).to_contain_text("No FR text")
    page.get_by_role("button", name="Yes, publish and freeze").click()
    expect(page.get_by_text("is published and frozen")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == QuestionnaireVersion.Status.PUBLISHED
    return draft


def open_campaign(page, published, region) -> Campaign:
    page.goto(f"/mapping/versions/{published.pk}/")
    page.get_by_role("link", name="Open a campaign with it").click()
    today = datetime.date.today()
    page.get_by_label("Title").fill("Mapping 2026")
    expect(page.get_by_label("Questionnaire version")).to_have_value(str(published.pk))
    page.get_by_label("Opening date").fill(today.isoformat())
    page.get_by_label("Deadline").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_label(re.compile(r"^Regions")).fill(region.code)
    page.get_by_label("Carry over last accepted answers").check()
    page.get_by_role("button", name="Open the campaign").click()
    expect(page.locator(".messages")).to_contain_text("Campaign opened for 1 regions.")
    campaign = Campaign.objects.get(title="Mapping 2026")
    assert campaign.carry_over and campaign.version_id == published.pk
    return campaign


def test_survey_loop_from_builder_to_export(page, version, region, official, coordinator):
    last_year_accepted(version, region, official, coordinator)
    browser_login(page, coordinator.username)
    published = build_and_publish(page, version)
    campaign = open_campaign(page, published, region)

    # The official finds last year's answers marked as carried over, confirms one and changes the other.
    sign_out(page)
    browser_login(page, official.username)
    start_response(page, campaign, region)
    expect(page.locator("main")).to_contain_text("2 answers were carried over from the last accepted response.")
    expect(question(page, "DATA-1").locator(".carried-over")).to_be_visible()
    expect(question(page, "DATA-1").locator("input[value='4']")).to_be_checked()
    question(page, "DATA-1").get_by_role("button", name="Confirm this answer").click()
    expect(question(page, "DATA-1").locator(".carried-over")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("1 answer was carried over from the last accepted response.")

    # DATA-3 appears with the yes; a number saves while typing, each keystroke's save building on the last reply.
    expect(question(page, "DATA-3")).to_be_hidden()
    question(page, "DATA-2").get_by_label("Yes").check()
    saved(page, "DATA-2")
    number = question(page, "DATA-3").get_by_label("Number")
    expect(number).to_be_visible()
    number.fill("120x")
    number.press("Tab")
    expect(question(page, "DATA-3").locator(".errorlist")).to_have_text("Enter a number, for example 12 or 3.5.")
    number.fill("")
    number.press_sequentially("120", delay=120)
    saved(page, "DATA-3")
    expect(number).to_be_focused()
    response = Response.objects.get(campaign=campaign, region=region)
    assert response.answers.get(question__code="DATA-3").value == 120
    page.reload()
    expect(question(page, "DATA-3").get_by_label("Number")).to_have_value("120")

    # Submitting too early lists what is missing (the carried-over EDU-1 is not confirmed), on the same section.
    page.get_by_role("link", name="Workforce").click()
    expect(question(page, "EDU-1").locator(".carried-over")).to_be_visible()
    expect(page.locator("#submit-summary")).to_contain_text("Before you submit")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#missing")).to_contain_text("EDU-1")
    expect(page.locator("#section-nav [aria-current=step]")).to_contain_text("Workforce")

    question(page, "EDU-1").get_by_label("Some").check()
    saved(page, "EDU-1")
    expect(question(page, "EDU-1").locator(".carried-over")).to_have_count(0)
    question(page, "EDU-2").get_by_label("Medical").check()
    saved(page, "EDU-2")
    expect(page.locator("#section-nav li", has_text="Workforce").locator(".section-count")).to_have_text("2/2")
    expect(page.locator("#submit-summary")).to_contain_text("Every required question is answered.")
    shoot(page, "filling-in")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted")
    expect(page.locator(".answer-form")).to_have_count(0)
    response.refresh_from_db()
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
    changed = page.locator(f"#q-{published.questions.get(code='DATA-1').pk}")
    expect(changed.locator(".diff-table")).to_contain_text("4 · To a large extent")
    expect(changed.locator(".diff-table")).to_contain_text("5 · Fully")
    expect(changed.locator(".diff-table")).to_contain_text("Document")
    expect(changed.locator(".review-reply")).to_contain_text("The regional EHR report, 2025.")
    changed.get_by_role("button", name="Resolve").click()
    expect(page.locator(".messages")).to_contain_text("Comment resolved")
    page.get_by_role("button", name="Accept the response").click()
    expect(page.locator(".messages")).to_contain_text("Accepted")
    assert dialogs[-1].startswith("Accept the response? 1 review comment is still open.")

    # One timeline tells the whole story, carried-over confirmation included.
    page.goto(f"/mapping/responses/{response.pk}/history/")
    timeline = page.locator("table.timeline")
    for step in (
        "Submitted",
        "Returned",
        "Replied to a comment",
        "Resolved a comment",
        "Accepted",
        "Evidence source",
        "Carried over",
    ):
        expect(timeline).to_contain_text(step)

    # The export reads back typed: numbers as numbers, a codebook sheet, no formula anywhere.
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
    assert workbook["Regions"].cell(row=2, column=header.index("DATA-3") + 1).data_type == "n"
    codebook = [cell.value for cell in workbook["Codebook"]["A"]]
    assert {"DATA-1", "DATA-3", "EDU-3"} <= set(codebook)

    # The accepted answers read the same on the heatmap and the region's results.
    page.goto(f"/mapping/results/?campaign={campaign.pk}")
    row = page.locator("table.heatmap tbody tr", has_text="FI1D")
    # DATA: Likert 5 (weight 2) and yes; EDU: "Some" (50) and Medical (50).
    expect(row.locator("td[title='Data infrastructure and interoperability']")).to_have_text("100")
    expect(row.locator("td[title='Professional education and workforce']")).to_have_text("50")
    shoot(page, "heatmap")
    page.goto(f"/mapping/results/regions/{region.code}/")
    expect(page.locator("table.region-scores")).to_contain_text("100")
