"""Fill the English columns of django-modeltranslation from the plain columns.

The French texts were already in `title_fr`/`summary_fr`, the columns modeltranslation now owns.
"""

from django.db import migrations
from django.db.models import F

TRANSLATED = {
    "FundingInstrument": ("name", "description"),
    "Module": ("title", "summary"),
    "ModuleAction": ("title", "description", "kpi", "kpi_target"),
    "ModuleVersion": ("title", "summary"),
}


def carry_over(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        apps.get_model("roadmap", model_name).objects.update(**{f"{field}_en": F(field) for field in fields})


def carry_back(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("roadmap", model_name)
        for field in fields:
            model.objects.exclude(**{f"{field}_en": None}).exclude(**{f"{field}_en": ""}).update(
                **{field: F(f"{field}_en")}
            )
    # Module's and ModuleVersion's French columns were NOT NULL before modeltranslation owned them.
    for model_name in ("Module", "ModuleVersion"):
        model = apps.get_model("roadmap", model_name)
        for field in ("title_fr", "summary_fr"):
            model.objects.filter(**{field: None}).update(**{field: ""})


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0005_translated_fields"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
    ]
