"""Fill the English columns of django-modeltranslation from the plain columns."""

from django.db import migrations
from django.db.models import F


def carry_over(apps, schema_editor):
    apps.get_model("reports", "Recommendation").objects.update(title_en=F("title"), text_en=F("text"))


def carry_back(apps, schema_editor):
    apps.get_model("reports", "Recommendation").objects.exclude(title_en=None).update(
        title=F("title_en"), text=F("text_en")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_translated_fields"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
    ]
