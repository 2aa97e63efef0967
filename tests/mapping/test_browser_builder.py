"""The questionnaire builder in a browser: an AND/OR condition on real options, the logic check, the
preview with live conditions, and publishing with its confirmation."""

import pytest
from playwright.sync_api import expect

from mapping import services
from mapping.models import Question
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_builder_condition_editor_check_preview_and_publish(page, version, coordinator):
    draft = services.version_copy(version=version)
    browser_login(page, coordinator.username)
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

    # A rule on a later question is refused with a message, and the typing stays.
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

    # The logic check on the draft page names the error that blocks publishing.
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

    # Fixed, the version publishes after a confirmation that lists the warnings.
    services.question_update(question=draft.questions.get(code="DATA-3"), required=False)
    page.goto(f"/mapping/versions/{draft.pk}/publish/")
    expect(page.locator(".logic-warnings")).to_contain_text("No FR text")
    page.get_by_role("button", name="Yes, publish and freeze").click()
    expect(page.get_by_text("is published and frozen")).to_be_visible()
