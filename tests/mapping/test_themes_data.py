import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mapping import themes
from mapping.models import Theme
from saphire.datafiles import DataFileError, read_yaml


def test_the_file_lists_thirteen_themes_with_unique_codes_and_texts_per_language():
    data = read_yaml(themes.DATA_FILE)

    assert set(data) == {"themes"}
    codes = [row["code"] for row in data["themes"]]
    assert len(codes) == len(set(codes)) == 13
    for row in data["themes"]:
        assert set(row) == {"code", "name", "description"}, row["code"]
        for key in ("name", "description"):
            assert isinstance(row[key], dict) and row[key]["en"].strip(), row["code"]
            assert all(isinstance(text, str) for text in row[key].values()), row["code"]


def test_theme_names_come_in_the_file_order():
    names = themes.theme_names()

    assert list(names)[:3] == ["AWARE", "EDU", "DATA"]
    assert names["ACCESS"] == "Remote and rural access, telemedicine"


def test_a_theme_without_an_english_name_is_refused(tmp_path, monkeypatch):
    broken = tmp_path / "themes.yaml"
    broken.write_text("themes:\n- code: X\n  name: {fr: Seulement}\n", encoding="utf-8")
    monkeypatch.setattr(themes, "DATA_FILE", broken)
    themes.taxonomy.cache_clear()
    try:
        with pytest.raises(DataFileError):
            themes.taxonomy()
    finally:
        themes.taxonomy.cache_clear()


@pytest.mark.django_db
def test_seeding_creates_missing_themes_and_keeps_edited_ones():
    Theme.objects.filter(code="COOP").delete()
    Theme.objects.filter(code="DATA").update(name_en="Data, as the coordinators call it")

    themes.seed_themes()

    assert Theme.objects.get(code="COOP").name_en == "Interregional cooperation"
    assert Theme.objects.get(code="DATA").name_en == "Data, as the coordinators call it"
    assert Theme.objects.count() >= 13


@pytest.mark.django_db
def test_seeding_fills_the_translations_existing_themes_lack_and_keeps_written_ones():
    Theme.objects.filter(code="REG").update(name_fr="", description_fr="")
    Theme.objects.filter(code="FUND").update(name_fr="Financement, comme le disent les coordinateurs")

    themes.seed_themes()

    regulation = Theme.objects.get(code="REG")
    assert (regulation.name_fr, regulation.description_fr) == (
        "Réglementation",
        "Règles applicables aux diagnostics, aux médicaments, aux dispositifs et aux laboratoires dont dépend "
        "la médecine personnalisée.",
    )
    assert Theme.objects.get(code="FUND").name_fr == "Financement, comme le disent les coordinateurs"


@pytest.mark.django_db
def test_a_data_migration_fills_only_the_columns_its_model_has():
    state = MigrationExecutor(connection).loader.project_state(("mapping", "0004_translated_fields"))
    historical = state.apps.get_model("mapping", "Theme")
    Theme.objects.filter(code="HTA").update(name_fr="")

    themes.seed_themes(historical)

    assert Theme.objects.get(code="HTA").name_fr == "Preuves, ETS et remboursement"
