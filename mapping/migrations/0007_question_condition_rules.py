from django.db import migrations, models


def to_rules(apps, schema_editor):
    Question = apps.get_model("mapping", "Question")
    changed = []
    for question in Question.objects.filter(condition_question__isnull=False).select_related("condition_question"):
        question.condition = {
            "match": "all",
            "rules": [{"question": question.condition_question.code, "op": "eq", "value": question.condition_value}],
        }
        changed.append(question)
    Question.objects.bulk_update(changed, ["condition"], batch_size=500)


def to_single(apps, schema_editor):
    Question = apps.get_model("mapping", "Question")
    for question in Question.objects.exclude(condition={}):
        rule = (question.condition.get("rules") or [{}])[0]
        controller = Question.objects.filter(version_id=question.version_id, code=rule.get("question")).first()
        question.condition_question = controller
        question.condition_value = str(rule.get("value") or "")[:100]
        question.save(update_fields=["condition_question", "condition_value"])


class Migration(migrations.Migration):
    dependencies = [("mapping", "0006_remove_json_translations")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="condition",
            field=models.JSONField(blank=True, default=dict, verbose_name="condition"),
        ),
        migrations.RunPython(to_rules, to_single),
        migrations.RemoveField(model_name="question", name="condition_question"),
        migrations.RemoveField(model_name="question", name="condition_value"),
    ]
