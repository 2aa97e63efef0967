"""The barrier taxonomy as shipped: theme codes, names and descriptions, from data/themes.yaml.

The demo, the starter library, the reports' recommendation library and the benchmarks seed and
name themes from here; the database stays the truth once themes exist (coordinators edit them).
"""

from functools import cache
from pathlib import Path

from django.db import transaction

from mapping.models import Theme
from saphire.datafiles import DataFileError, default_text, read_yaml, translated_columns
from saphire.page_cache import REPORTS, ROADMAP, SCORES, content_changed

DATA_FILE = Path(__file__).resolve().parent / "data" / "themes.yaml"


@cache
def taxonomy() -> list[dict]:
    """The themes in the file's order: `code`, `name` and `description` (texts per language)."""
    themes = read_yaml(DATA_FILE).get("themes")
    if not isinstance(themes, list):
        raise DataFileError(f"{DATA_FILE}: expected a list under 'themes'")
    for theme in themes:
        if not isinstance(theme.get("code"), str) or not default_text(theme.get("name")):
            raise DataFileError(f"{DATA_FILE}: every theme needs a code and an English name: {theme!r}")
    return themes


def theme_codes() -> list[str]:
    return [theme["code"] for theme in taxonomy()]


def theme_names() -> dict[str, str]:
    """Theme code -> English name, in the file's order."""
    return {theme["code"]: default_text(theme["name"]) for theme in taxonomy()}


def seed_themes(model=Theme) -> None:
    """Create the themes that do not exist yet and give existing ones the translations they lack.

    A text a coordinator wrote is kept; only empty columns are filled (themes seeded in English
    before a language was added get that language's names from the file). A data migration passes
    its historical `model`: only the columns it has are written, and no page cache is told.
    """
    columns = {f.name for f in model._meta.get_fields()}
    filled = False
    for order, theme in enumerate(taxonomy(), start=1):
        texts = {
            column: text
            for column, text in {
                **translated_columns("name", theme["name"]),
                **translated_columns("description", theme.get("description")),
            }.items()
            if column in columns
        }
        existing, created = model.objects.get_or_create(code=theme["code"], defaults={"order": order, **texts})
        blank = {} if created else {column: text for column, text in texts.items() if not getattr(existing, column)}
        if blank:
            model.objects.filter(pk=existing.pk).update(**blank)
        filled = filled or created or bool(blank)
    if filled and model is Theme:
        transaction.on_commit(lambda: content_changed(SCORES, ROADMAP, REPORTS))
