import pytest
from django.core.exceptions import ValidationError

from mapping import services
from mapping.models import AnswerChange, Question, QuestionnaireVersion, Response, ReviewComment
from tests.factories import QuestionnaireFactory
from tests.mapping.conftest import COMPLETE, q

pytestmark = pytest.mark.django_db


def fill(response, version, by, answers=COMPLETE):
    for code, value in answers.items():
        answer = response.answers.filter(question__code=code).first()
        services.answer_save(
            response=response,
            question=q(version, code),
            value=value,
            base_revision=answer.revision if answer else 0,
            by=by,
        )


def test_answer_save_records_history_and_progress(response, version, official):
    answer = services.answer_save(response=response, question=version.ehr, value="4", base_revision=0, by=official)
    answer = services.answer_save(response=response, question=version.ehr, value="2", base_revision=1, by=official)

    assert (answer.value, answer.score, answer.revision) == (2, 25.0, 2)
    history = list(
        AnswerChange.objects.filter(answer=answer).order_by("revision").values_list("old_value", "new_value")
    )
    assert history == [(None, 4), (4, 2)]
    response.refresh_from_db()
    assert response.progress == 25  # 1 of 4 visible required questions (DATA-3 hidden until DATA-2 is yes)


def test_answer_save_stale_revision_is_refused_with_current_value(response, version, official, region):
    other = services.answer_save(response=response, question=version.ehr, value="4", base_revision=0, by=official)

    with pytest.raises(services.AnswerConflict) as conflict:
        services.answer_save(response=response, question=version.ehr, value="1", base_revision=0, by=official)

    assert conflict.value.current.value == 4
    assert conflict.value.submitted == 1
    other.refresh_from_db()
    assert other.value == 4


def test_answer_save_same_value_on_stale_revision_is_not_a_conflict(response, version, official):
    services.answer_save(response=response, question=version.ehr, value="4", base_revision=0, by=official)

    answer = services.answer_save(response=response, question=version.ehr, value=4, base_revision=0, by=official)

    assert answer.revision == 1


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("DATA-1", "7", "1 to 5"),
        ("DATA-1", "many", "1 to 5"),
        ("DATA-2", "perhaps", "yes or no"),
        ("DATA-3", "12a", "Enter a number"),
        ("DATA-3", "5000", "between 0 and 1000"),
        ("EDU-1", "most", "Choose one of the options"),
        ("EDU-2", ["md", "vet"], "Unknown option: vet"),
    ],
)
def test_answer_save_bad_value_says_what_to_fix(response, version, official, code, value, message):
    with pytest.raises(ValidationError) as error:
        services.answer_save(response=response, question=q(version, code), value=value, base_revision=0, by=official)

    assert message in " ".join(error.value.messages)
    assert response.answers.count() == 0


def test_conditional_answer_hidden_is_kept_but_not_applicable(response, version, official):
    fill(response, version, official, {"DATA-2": "yes", "DATA-3": "50"})
    fill(response, version, official, {"DATA-2": "no"})

    hidden = response.answers.get(question__code="DATA-3")
    assert (hidden.value, hidden.applicable) == (50, False)


def test_submit_lists_missing_questions_then_workflow(response, version, official, coordinator):
    fill(response, version, official, {"DATA-1": "3"})
    with pytest.raises(ValidationError) as error:
        services.response_submit(response=response, by=official)
    assert "DATA-2, EDU-1, EDU-2" in error.value.messages[0]

    fill(response, version, official)
    services.response_submit(response=response, by=official)
    with pytest.raises(services.ResponseLocked):
        services.answer_save(response=response, question=version.ehr, value="1", base_revision=1, by=official)

    services.response_return(response=response, by=coordinator, question_comments={version.ehr.pk: "Source?"})
    assert ReviewComment.objects.get(response=response).text == "Source?"
    fill(response, version, official, {"DATA-1": "5"})
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)

    response.refresh_from_db()
    assert response.status == Response.Status.ACCEPTED


def test_return_needs_a_comment(response, version, official, coordinator):
    fill(response, version, official)
    services.response_submit(response=response, by=official)

    with pytest.raises(ValidationError):
        services.response_return(response=response, by=coordinator, question_comments={})


def test_frozen_version_refuses_edits(version):
    with pytest.raises(services.VersionFrozen):
        services.question_update(question=version.ehr, text="Changed")
    with pytest.raises(services.VersionFrozen):
        services.section_create(version=version, title="More")

    version.ehr.refresh_from_db()
    assert version.ehr.text == "Are health records interoperable?"


def test_version_copy_is_a_draft_with_the_same_questions_and_conditions(version):
    new = services.version_copy(version=version)

    assert new.status == QuestionnaireVersion.Status.DRAFT
    assert new.number == version.number + 1
    assert sorted(new.questions.values_list("code", flat=True)) == sorted(
        version.questions.values_list("code", flat=True)
    )
    dependent = new.questions.get(code="DATA-3")
    assert dependent.condition["rules"][0]["question"] == "DATA-2"
    assert new.questions.filter(code="DATA-2").exists()


def test_version_diff_lists_added_removed_changed(version):
    new = services.version_copy(version=version)
    services.question_update(question=new.questions.get(code="DATA-1"), text="Are records exchanged?", weight=3)
    services.question_delete(question=new.questions.get(code="EDU-3"))
    services.question_create(section=new.sections.first(), code="DATA-9", kind=Question.Kind.YES_NO, text="Cloud?")

    diff = services.version_diff(old=version, new=new)

    assert [question.code for question in diff["added"]] == ["DATA-9"]
    assert [question.code for question in diff["removed"]] == ["EDU-3"]
    assert [(c["code"], [d["field"] for d in c["differences"]]) for c in diff["changed"]] == [
        ("DATA-1", ["text", "weight"])
    ]


def test_question_create_checks_options(version):
    draft = services.version_copy(version=version)

    with pytest.raises(ValidationError) as error:
        services.question_create(
            section=draft.sections.first(),
            code="X",
            kind=Question.Kind.SINGLE,
            text="?",
            options=[{"value": "a", "label": "A"}],
        )

    assert "options" in error.value.message_dict


def test_questionnaire_create_starts_a_draft():
    questionnaire = services.questionnaire_create(code="regional", title="Regional", created_by=None)

    assert list(questionnaire.versions.values_list("number", "status")) == [(1, "draft")]
    assert QuestionnaireFactory._meta.model.objects.count() == 1
