"""Recommendation.funding_instruments: from an array of codes to a relation to roadmap.FundingInstrument.

Each code becomes a link to the instrument of that code. A code no instrument has yet becomes an
instrument named after it (an EU programme, as every code of the library is), so no link is lost;
coordinators can then name and describe it in the roadmap's funding list.
"""

from django.db import migrations, models


def codes_to_links(apps, schema_editor):
    Recommendation = apps.get_model("reports", "Recommendation")
    FundingInstrument = apps.get_model("roadmap", "FundingInstrument")
    for recommendation in Recommendation.objects.exclude(funding_codes=[]):
        instruments = []
        for code in dict.fromkeys(recommendation.funding_codes):
            instrument, _ = FundingInstrument.objects.get_or_create(
                code=code, defaults={"name": code, "name_en": code, "level": "eu"}
            )
            instruments.append(instrument)
        recommendation.funding_instruments.set(instruments)


def links_to_codes(apps, schema_editor):
    Recommendation = apps.get_model("reports", "Recommendation")
    for recommendation in Recommendation.objects.prefetch_related("funding_instruments"):
        recommendation.funding_codes = sorted(i.code for i in recommendation.funding_instruments.all())
        recommendation.save(update_fields=["funding_codes"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_report_language"),
        ("roadmap", "0006_carry_english_over"),
    ]

    operations = [
        migrations.RenameField(model_name="recommendation", old_name="funding_instruments", new_name="funding_codes"),
        migrations.AddField(
            model_name="recommendation",
            name="funding_instruments",
            field=models.ManyToManyField(
                blank=True,
                help_text="The funding instruments it points to.",
                related_name="recommendations",
                to="roadmap.fundinginstrument",
                verbose_name="funding instruments",
            ),
        ),
        migrations.RunPython(codes_to_links, links_to_codes),
        migrations.RemoveField(model_name="recommendation", name="funding_codes"),
    ]
