from django.db import migrations, models


def keep_newest_draft(apps, schema_editor):
    """Older parallel drafts are dropped before the constraint: only the newest one could be published."""
    Version = apps.get_model("mapping", "QuestionnaireVersion")
    seen = set()
    for version in Version.objects.filter(status="draft").order_by("questionnaire_id", "-number"):
        if version.questionnaire_id in seen:
            version.delete()
        else:
            seen.add(version.questionnaire_id)


class Migration(migrations.Migration):
    dependencies = [("mapping", "0007_question_condition_rules")]

    operations = [
        migrations.RunPython(keep_newest_draft, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="questionnaireversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("questionnaire",),
                name="mapping_one_draft_per_questionnaire",
            ),
        ),
    ]
