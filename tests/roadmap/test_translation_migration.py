"""The move of roadmap texts to modeltranslation's columns keeps the English and French texts."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("roadmap", "0004_pilot_organisations")]
AFTER = [("roadmap", "0006_carry_english_over")]


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
def test_module_texts_land_in_the_english_and_french_columns():
    old = migrate(BEFORE)
    old.get_model("roadmap", "Module").objects.create(
        code="ACCESS-01",
        title="Telemedicine for remote regions",
        summary="Video consultations.",
        title_fr="Télémédecine pour les régions éloignées",
        summary_fr="",
    )
    instrument = old.get_model("roadmap", "FundingInstrument").objects.create(
        code="interreg", name="Interreg", level="eu", description="Cross-border cooperation."
    )

    new = migrate(AFTER)

    module = new.get_model("roadmap", "Module").objects.get(code="ACCESS-01")
    assert (module.title_en, module.title_fr) == (
        "Telemedicine for remote regions",
        "Télémédecine pour les régions éloignées",
    )
    assert (module.summary_en, module.summary_fr) == ("Video consultations.", "")
    instrument = new.get_model("roadmap", "FundingInstrument").objects.get(pk=instrument.pk)
    assert (instrument.name_en, instrument.description_en) == ("Interreg", "Cross-border cooperation.")


@pytest.mark.django_db
def test_unapplying_keeps_the_english_text_and_the_old_not_null_columns():
    new = migrate(AFTER)
    new.get_model("roadmap", "Module").objects.create(
        code="GOV-01", title="", title_en="Strategy", summary="", summary_en="A strategy.", title_fr=None
    )

    old = migrate(BEFORE)

    module = old.get_model("roadmap", "Module").objects.get(code="GOV-01")
    assert (module.title, module.summary, module.title_fr, module.summary_fr) == ("Strategy", "A strategy.", "", "")
