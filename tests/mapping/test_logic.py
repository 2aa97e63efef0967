"""Questionnaire logic: condition rules, the logic check, drafts and the preview."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mapping import conditions, logic, services
from mapping import values as answer_values
from mapping.models import Question, QuestionnaireVersion
from tests.mapping.conftest import q

pytestmark = pytest.mark.django_db


def rule(code, op, value=None):
    return {"question": code, "op": op, "value": value}


@pytest.fixture
def draft(version):
    return services.version_copy(version=version)


def test_condition_on_an_option_label_is_refused_with_the_real_values(draft):
    """The defect: "AWARE-2 = Yes" was accepted though the stored value is `yes`, so it never fired."""
    edu = q(draft, "EDU-3")

    with pytest.raises(ValidationError) as refused:
        services.question_update(question=edu, condition={"match": "all", "rules": [rule("EDU-1", "eq", "Some")]})

    assert "EDU-1 has no option Some; its options are none, some, all." in refused.value.messages
    edu.refresh_from_db()
    assert edu.condition == {}


def test_condition_on_a_later_or_missing_question_is_refused(draft):
    data_1 = q(draft, "DATA-1")

    for code in ("EDU-1", "NOPE-9"):
        with pytest.raises(ValidationError) as refused:
            services.question_update(question=data_1, condition={"rules": [rule(code, "answered")]})
        assert refused.value.messages == [
            f"The condition refers to {code}, which is not an earlier question of this version."
        ]


def test_operator_must_fit_the_source_type(draft):
    with pytest.raises(ValidationError) as refused:
        services.question_update(question=q(draft, "EDU-3"), condition={"rules": [rule("EDU-1", "gt", 3)]})

    assert "does not fit EDU-1" in refused.value.messages[0]


def test_and_or_rules_decide_visibility(draft):
    text = q(draft, "EDU-3")
    services.question_update(
        question=text,
        condition={"match": "any", "rules": [rule("DATA-1", "ge", "4"), rule("EDU-2", "in", ["md"])]},
    )
    questions = list(draft.questions.all())
    ids = {question.code: question.pk for question in questions}

    def shown(**answers):
        values = {ids[code.replace("_", "-")]: value for code, value in answers.items()}
        return ids["EDU-3"] in answer_values.visible_question_ids(questions, values)

    assert not shown(DATA_1=2)
    assert shown(DATA_1=4)
    assert shown(DATA_1=1, EDU_2=["nurse", "md"])
    services.question_update(question=q(draft, "EDU-3"), condition={**text.condition, "match": "all"})
    questions = list(draft.questions.all())
    assert not shown(DATA_1=4, EDU_2=["nurse"])
    assert shown(DATA_1=5, EDU_2=["md"])


def test_number_comparison_and_hidden_source_counts_as_unanswered(draft):
    services.question_update(question=q(draft, "EDU-3"), condition={"rules": [rule("DATA-3", "gt", "100")]})
    questions = list(draft.questions.all())
    ids = {question.code: question.pk for question in questions}

    both = {ids["DATA-2"]: True, ids["DATA-3"]: 120}
    assert ids["EDU-3"] in answer_values.visible_question_ids(questions, both)
    # DATA-3 is shown only when DATA-2 is yes: once hidden, its old answer no longer shows EDU-3.
    assert ids["EDU-3"] not in answer_values.visible_question_ids(questions, {**both, ids["DATA-2"]: False})


def test_renaming_a_question_carries_its_conditions(draft):
    services.question_update(question=q(draft, "DATA-2"), code="DATA-2B")

    assert q(draft, "DATA-3").condition["rules"][0]["question"] == "DATA-2B"
    assert logic.version_check(version=draft).errors == [
        logic.Issue(
            "DATA-3 is required but hidden until an earlier answer shows it: make it optional, "
            "or its condition can block a submission.",
            "DATA-3",
        )
    ]


def test_logic_check_lists_errors_and_warnings(draft):
    services.question_update(question=q(draft, "DATA-3"), required=False)
    # Broken afterwards: a source deleted, another moved after its dependent, an impossible comparison.
    services.question_update(question=q(draft, "EDU-3"), condition={"rules": [rule("EDU-1", "eq", "all")]})
    services.question_update(question=q(draft, "EDU-2"), condition={"rules": [rule("DATA-3", "answered")]})
    Question.objects.filter(pk=q(draft, "EDU-1").pk).delete()
    services.question_update(question=q(draft, "EDU-2"), required=False)
    services.section_create(version=draft, title="Empty")

    report = logic.version_check(version=draft)

    assert [issue.message for issue in report.errors] == [
        "EDU-3: its condition refers to EDU-1, which this version does not have."
    ]
    warnings = [issue.message for issue in report.warnings]
    assert "No FR text for DATA-2, DATA-3, EDU-2, EDU-3." in warnings
    assert "Section “Empty” has no question." in warnings


def test_unreachable_question_is_an_error(draft):
    services.question_update(question=q(draft, "DATA-3"), required=False)
    services.question_update(question=q(draft, "EDU-3"), condition={"rules": [rule("DATA-3", "gt", "1000")]})

    assert [issue.code for issue in logic.version_check(version=draft).errors] == ["EDU-3"]


def test_publish_is_refused_on_errors_and_passes_when_fixed(draft):
    with pytest.raises(ValidationError) as refused:
        services.version_publish(version=draft)
    assert refused.value.messages[0] == "The logic check found errors; fix them before publishing."

    services.question_update(question=q(draft, "DATA-3"), required=False)
    services.version_publish(version=draft)

    draft.refresh_from_db()
    assert draft.is_frozen


def test_default_questionnaire_passes_its_own_check():
    from mapping.default_questionnaire import build_default_questionnaire

    version = build_default_questionnaire()

    assert logic.version_check(version=version).errors == []


def test_one_draft_per_questionnaire(version, draft):
    again = services.version_copy(version=version)

    assert again == draft
    assert version.questionnaire.versions.filter(status=QuestionnaireVersion.Status.DRAFT).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionnaireVersion.objects.create(questionnaire=version.questionnaire, number=99)


def test_draft_delete_and_published_refused(version, draft):
    with pytest.raises(ValidationError):
        services.version_delete(version=version)

    services.version_delete(version=draft)

    assert list(version.questionnaire.versions.all()) == [version]


def test_describe_reads_like_the_builder(version):
    condition = {"match": "any", "rules": [rule("DATA-2", "eq", "yes"), rule("DATA-3", "ge", 2.0)]}

    assert conditions.describe(condition, conditions.question_labels(version.questions.all())) == (
        "DATA-2 = Yes or DATA-3 ≥ 2"
    )


# Pages and API


def test_builder_form_offers_real_options_and_saves_an_or_condition(client_as, coordinator, draft):
    text = q(draft, "EDU-3")
    url = f"/mapping/versions/{draft.pk}/questions/{text.pk}/"
    page = client_as(coordinator).get(url).content.decode()
    assert '<option value="EDU-1=some">Some</option>' in page
    assert '<option value="DATA-2=yes">Yes</option>' in page

    from mapping.forms import QuestionForm

    data = {
        key: value
        for key, value in QuestionForm.initial_for(text).items()
        if value is not None and key not in ("theme",)
    }
    data.update(
        {
            "theme": text.theme_id,
            "condition_match": "any",
            "rule_0_question": "EDU-1",
            "rule_0_op": "in",
            "rule_0_values": ["EDU-1=some", "EDU-1=all"],
            "rule_1_question": "DATA-1",
            "rule_1_op": "ge",
            "rule_1_number": "4",
        }
    )
    reply = client_as(coordinator).post(url, data)

    assert reply.status_code == 302, reply.content.decode()
    text.refresh_from_db()
    assert text.condition == {
        "match": "any",
        "rules": [rule("EDU-1", "in", ["some", "all"]), rule("DATA-1", "ge", 4.0)],
    }
    detail = client_as(coordinator).get(f"/mapping/versions/{draft.pk}/").content.decode()
    assert "shown when EDU-1 is any of (Some, All) or DATA-1 ≥ 4" in detail
    assert "Logic check" in detail


def test_builder_form_refuses_a_later_question_and_keeps_the_typing(client_as, coordinator, draft):
    data_1 = q(draft, "DATA-1")
    from mapping.forms import QuestionForm

    data = {k: v for k, v in QuestionForm.initial_for(data_1).items() if v is not None and k != "theme"}
    data.update({"rule_0_question": "EDU-1", "rule_0_op": "eq", "rule_0_values": ["EDU-1=some"]})

    reply = client_as(coordinator).post(f"/mapping/versions/{draft.pk}/questions/{data_1.pk}/", data)

    assert reply.status_code == 400
    body = reply.content.decode()
    assert "The condition refers to EDU-1, which is not an earlier question of this version." in body
    assert '<option value="EDU-1=some" selected>' in body


def test_api_refuses_a_broken_condition_and_checks_the_version(client_as, coordinator, draft):
    client = client_as(coordinator)
    text = q(draft, "EDU-3")

    reply = client.patch(
        f"/api/v1/questions/{text.pk}/",
        {"condition": {"match": "all", "rules": [rule("EDU-1", "eq", "Some")]}},
        content_type="application/json",
    )
    assert reply.status_code == 400
    assert "EDU-1 has no option Some" in str(reply.json())

    reply = client.patch(
        f"/api/v1/questions/{text.pk}/",
        {"condition": {"match": "all", "rules": [rule("EDU-1", "eq", "some")]}},
        content_type="application/json",
    )
    assert reply.status_code == 200
    assert reply.json()["condition"]["rules"] == [rule("EDU-1", "eq", "some")]

    check = client.get(f"/api/v1/questionnaire-versions/{draft.pk}/check/").json()
    assert check["ok"] is False
    assert [e["question"] for e in check["errors"]] == ["DATA-3"]
    assert client.post(f"/api/v1/questionnaire-versions/{draft.pk}/publish/").status_code == 400


def test_publish_page_asks_for_confirmation_and_shows_warnings(client_as, coordinator, draft):
    services.question_update(question=q(draft, "DATA-3"), required=False)
    client = client_as(coordinator)

    page = client.get(f"/mapping/versions/{draft.pk}/publish/").content.decode()
    assert "Yes, publish and freeze" in page
    assert "No FR text for DATA-2" in page
    draft.refresh_from_db()
    assert not draft.is_frozen

    assert client.post(f"/mapping/versions/{draft.pk}/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.is_frozen


def test_publish_page_refuses_on_errors(client_as, coordinator, draft):
    reply = client_as(coordinator).post(f"/mapping/versions/{draft.pk}/publish/")

    assert reply.status_code == 400
    assert "DATA-3 is required but hidden" in reply.content.decode()
    draft.refresh_from_db()
    assert not draft.is_frozen


def test_start_new_version_twice_opens_the_draft_and_it_can_be_deleted(client_as, coordinator, version):
    client = client_as(coordinator)
    first = client.post(f"/mapping/versions/{version.pk}/copy/")
    second = client.post(f"/mapping/versions/{version.pk}/copy/")

    assert first["Location"] == second["Location"]
    assert version.questionnaire.versions.count() == 2
    page = client.get(f"/mapping/versions/{version.pk}/").content.decode()
    assert "Open the draft (v" in page
    draft = version.questionnaire.versions.get(status="draft")
    assert client.post(f"/mapping/versions/{draft.pk}/delete/").status_code == 302
    assert version.questionnaire.versions.count() == 1
    assert client.post(f"/mapping/versions/{version.pk}/delete/").status_code == 302
    assert version.questionnaire.versions.count() == 1


def test_version_count_is_plural_aware(client_as, coordinator, version):
    page = client_as(coordinator).get("/mapping/").content.decode()

    assert "1 version<" in page and "1 versions" not in page


def test_preview_evaluates_conditions_and_validation_without_storing(client_as, coordinator, version):
    from mapping.models import Answer

    client = client_as(coordinator)
    data_2, data_3 = q(version, "DATA-2"), q(version, "DATA-3")

    page = client.get(f"/mapping/versions/{version.pk}/preview/").content.decode()
    assert f'id="preview-q-{data_3.pk}" hidden' in page

    reply = client.post(
        f"/mapping/versions/{version.pk}/preview/",
        {f"q-{data_2.pk}": "yes", f"q-{data_3.pk}": "5000", "check": "1"},
    )
    body = reply.content.decode()
    assert f'id="preview-q-{data_3.pk}" hidden' not in body
    assert "Enter a number between 0 and 1000." in body
    assert "This question is required." in body
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    "condition",
    [["EDU-1"], {"rules": "EDU-1"}, {"rules": ["x"]}, {"rules": [{"question": "EDU-1", "op": ["eq"]}]}],
)
def test_api_answers_400_to_a_malformed_condition(client_as, coordinator, draft, condition):
    text = q(draft, "EDU-3")

    reply = client_as(coordinator).patch(
        f"/api/v1/questions/{text.pk}/", {"condition": condition}, content_type="application/json"
    )

    assert reply.status_code == 400
    assert "condition" in reply.json()
