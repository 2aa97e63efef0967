"""The move from the JSON `translations` field to per-language columns keeps every French text."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("mapping", "0004_translated_fields")]
AFTER = [("mapping", "0006_remove_json_translations")]


def migrate(targets):
    """Migrate inside the test's transaction (PostgreSQL's DDL is transactional): all of it is rolled back."""
    with connection.cursor() as cursor:
        # Rows written just before must not leave deferred checks pending under an ALTER TABLE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db
def test_json_translations_move_to_language_columns():
    old = migrate(BEFORE)
    questionnaire = old.get_model("mapping", "Questionnaire").objects.create(code="carry", title="Carry over")
    version = old.get_model("mapping", "QuestionnaireVersion").objects.create(questionnaire=questionnaire, number=1)
    section = old.get_model("mapping", "Section").objects.create(
        version=version, order=1, title="Data", translations={"fr": {"title": "Données"}}
    )
    old.get_model("mapping", "Question").objects.create(
        version=version,
        section=section,
        code="DATA-1",
        kind="single",
        text="Which cloud?",
        help_text="Where the records are kept.",
        options=[{"value": "eu", "label": "EU cloud"}, {"value": "none", "label": "None"}],
        translations={"fr": {"text": "Quel nuage ?", "options": {"eu": "Nuage européen", "none": ""}}},
    )
    old.get_model("mapping", "Question").objects.create(
        version=version, section=section, code="DATA-2", kind="text", text="Anything else?"
    )

    new = migrate(AFTER)

    section = new.get_model("mapping", "Section").objects.get(version__questionnaire__code="carry")
    assert (section.title_en, section.title_fr) == ("Data", "Données")
    questions = {q.code: q for q in new.get_model("mapping", "Question").objects.filter(section=section)}
    carried = questions["DATA-1"]
    assert (carried.text_en, carried.text_fr) == ("Which cloud?", "Quel nuage ?")
    assert (carried.help_text_en, carried.help_text_fr) == ("Where the records are kept.", None)
    # Empty labels were "no translation": the English one shows, as before.
    assert carried.option_labels_fr == {"eu": "Nuage européen"}
    untranslated = questions["DATA-2"]
    assert (untranslated.text_en, untranslated.text_fr) == ("Anything else?", None)
    themes = new.get_model("mapping", "Theme").objects.all()
    assert themes and all(theme.name_en == theme.name for theme in themes)


@pytest.mark.django_db
def test_language_columns_move_back_to_json_when_unapplied():
    new = migrate(AFTER)
    questionnaire = new.get_model("mapping", "Questionnaire").objects.create(code="back", title_en="Back")
    version = new.get_model("mapping", "QuestionnaireVersion").objects.create(questionnaire=questionnaire, number=1)
    new.get_model("mapping", "Section").objects.create(version=version, order=1, title_en="Data", title_fr="Données")

    old = migrate(BEFORE)

    section = old.get_model("mapping", "Section").objects.get(version__questionnaire__code="back")
    assert section.translations == {"fr": {"title": "Données"}}
