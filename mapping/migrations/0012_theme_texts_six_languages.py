from django.db import migrations


def fill_theme_texts(apps, schema_editor):
    # Themes were seeded in English only (0003): give them the names and descriptions of the other
    # languages from mapping/data/themes.yaml, keeping any text a coordinator already wrote.
    from mapping.themes import seed_themes

    seed_themes(apps.get_model("mapping", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("mapping", "0011_six_languages")]

    operations = [migrations.RunPython(fill_theme_texts, migrations.RunPython.noop)]
