"""Each report and batch is built in a language, and the language is part of what makes a report unique."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_carry_english_over"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("fr", "French")], default="en", max_length=10, verbose_name="language"
            ),
        ),
        migrations.AddField(
            model_name="reportbatch",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("fr", "French")], default="en", max_length=10, verbose_name="language"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="report",
            name="reports_report_one_live_per_fingerprint",
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["queued", "running", "done"])),
                fields=("region", "campaign", "language", "fingerprint"),
                name="reports_report_one_live_per_language_fingerprint",
                nulls_distinct=False,
            ),
        ),
    ]
