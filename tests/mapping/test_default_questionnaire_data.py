"""The default questionnaire's data file: its schema, and that it holds what the Python tuples held."""

import pytest

from mapping.default_questionnaire import build_default_questionnaire, question_count, questionnaire_data, sections
from mapping.models import Question
from mapping.themes import theme_names
from saphire.i18n import default_language

QUESTION_KEYS = {
    "code", "kind", "text", "help_text", "required", "weight", "min_value", "max_value", "condition", "options",
}  # fmt: skip
CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE}


def _is_texts(value, *, required: bool = True) -> bool:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return False
    return bool(value.get(default_language())) or not required


def _questions() -> list[dict]:
    return [question for section in sections() for question in section["questions"]]


def _answer_values(question: dict) -> set[str]:
    if question["kind"] == Question.Kind.YES_NO:
        return {"yes", "no"}
    if question["kind"] == Question.Kind.LIKERT:
        return {row["value"] for row in questionnaire_data()["likert_options"]}
    return {row["value"] for row in question.get("options", [])}


def test_the_file_names_the_questionnaire_and_a_likert_scale():
    data = questionnaire_data()

    assert set(data) == {"code", "title", "description", "likert_options", "sections"}
    assert isinstance(data["code"], str) and _is_texts(data["title"]) and _is_texts(data["description"])
    values = [row["value"] for row in data["likert_options"]]
    assert values == ["1", "2", "3", "4", "5"]
    assert all(_is_texts(row["label"]) for row in data["likert_options"])


def test_sections_are_on_existing_themes_once_each():
    themes = [section["theme"] for section in sections()]

    assert len(themes) == len(set(themes))
    assert set(themes) <= set(theme_names())
    for section in sections():
        assert set(section) == {"theme", "title", "questions"}, section["theme"]
        assert _is_texts(section["title"]) and section["questions"], section["theme"]


def test_questions_have_unique_codes_valid_kinds_and_well_formed_options():
    codes = [question["code"] for question in _questions()]

    assert len(codes) == len(set(codes))
    for question in _questions():
        code = question["code"]
        assert set(question) <= QUESTION_KEYS and {"code", "kind", "text"} <= set(question), code
        assert question["kind"] in Question.Kind.values, code
        assert _is_texts(question["text"]) and _is_texts(question.get("help_text", {}), required=False), code
        assert isinstance(question.get("required", True), bool), code
        assert isinstance(question.get("weight", 1), int), code
        for bound in ("min_value", "max_value"):
            assert bound not in question or question["kind"] == Question.Kind.NUMBER, code
        assert question.get("min_value", 0) <= question.get("max_value", 0) or "max_value" not in question, code
        options = question.get("options", [])
        assert bool(options) == (question["kind"] in CHOICE_KINDS), code
        assert len({row["value"] for row in options}) == len(options), code
        for row in options:
            assert isinstance(row["value"], str) and _is_texts(row["label"]), code
            assert isinstance(row.get("score", 0), int) and 0 <= row.get("score", 0) <= 100, code


def test_conditions_point_at_an_earlier_question_and_one_of_its_answers():
    earlier: dict[str, dict] = {}
    for question in _questions():
        condition = question.get("condition")
        if condition:
            assert set(condition) == {"question", "value"}, question["code"]
            controller = earlier.get(condition["question"])
            assert controller is not None, question["code"]
            assert condition["value"] in _answer_values(controller), question["code"]
        earlier[question["code"]] = question


def test_the_file_holds_the_questionnaire_the_code_held():
    by_code = {question["code"]: question for question in _questions()}

    assert questionnaire_data()["code"] == "saphire-mapping"
    assert (len(sections()), question_count()) == (13, 73)
    assert [s["theme"] for s in sections()][:3] == ["AWARE", "EDU", "DATA"]
    assert sum(1 for q in by_code.values() if "condition" in q) == 4
    option = by_code["AWARE-3"]["options"][1]
    assert (option["value"], option["score"]) == ("10k-100k", 60)
    assert (option["label"]["en"], option["label"]["fr"]) == ("10,000 to 100,000", "De 10\u202f000 à 100\u202f000")
    assert by_code["DATA-5"]["condition"] == {"question": "DATA-4", "value": "yes"}
    assert (by_code["DATA-5"]["min_value"], by_code["DATA-5"]["max_value"]) == (0, 100000)
    assert by_code["AWARE-6"]["required"] is False


@pytest.mark.django_db
def test_building_writes_each_language_to_its_column():
    version = build_default_questionnaire()

    question = version.questions.get(code="AWARE-3")
    assert question.text_en == "How many people did the campaign reach?"
    assert question.text_fr == "Combien de personnes la campagne a-t-elle touchées\u202f?"
    assert question.options[0] == {"value": "lt10k", "label": "Fewer than 10,000", "score": 25}
    assert question.option_labels_fr["gt100k"] == "Plus de 100\u202f000"
    assert question.condition == {"match": "all", "rules": [{"question": "AWARE-2", "op": "eq", "value": "yes"}]}
    likert = version.questions.get(code="AWARE-1")
    assert likert.options[4] == {"value": "5", "label": "Fully"}
    assert likert.option_labels_fr == {
        "1": "Pas du tout", "2": "Un peu", "3": "En partie", "4": "Largement", "5": "Entièrement",
    }  # fmt: skip
    assert version.sections.get(order=1).title_fr == "Citoyens et littératie en santé"
    assert version.questionnaire.code == "saphire-mapping"
    assert version.questionnaire.title_fr == "La médecine personnalisée dans les régions\u202f: lacunes et obstacles"
    assert "Rural, ageing populations" in version.questions.get(code="AWARE-4").help_text_en
