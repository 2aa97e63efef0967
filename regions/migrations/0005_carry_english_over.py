"""Fill the English columns of django-modeltranslation from the plain columns."""

from django.db import migrations
from django.db.models import F

FIELDS = ("name", "description", "conditions_more_frequent", "conditions_less_frequent")


def carry_over(apps, schema_editor):
    apps.get_model("regions", "PopulationGroup").objects.update(**{f"{field}_en": F(field) for field in FIELDS})


def carry_back(apps, schema_editor):
    model = apps.get_model("regions", "PopulationGroup")
    for field in FIELDS:
        model.objects.exclude(**{f"{field}_en": None}).exclude(**{f"{field}_en": ""}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0004_translated_fields"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
    ]
