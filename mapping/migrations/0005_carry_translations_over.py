"""Move the texts into the per-language columns of django-modeltranslation.

The English text was in the plain column (title, text...); other languages were in a JSON
`translations` field: {"fr": {"title": "...", "text": "...", "options": {"value": "label"}}}.
"""

from django.conf import settings
from django.db import migrations

TRANSLATED = {
    "Theme": ("name", "description"),
    "Questionnaire": ("title", "description"),
    "Section": ("title", "description"),
    "Question": ("text", "help_text"),
}


def _languages(model):
    names = {f.name for f in model._meta.get_fields()}
    return [code for code, _name in settings.LANGUAGES if f"text_{code}" in names or f"title_{code}" in names
            or f"name_{code}" in names]


def carry_over(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("mapping", model_name)
        has_json = any(f.name == "translations" for f in model._meta.get_fields())
        languages = _languages(model)
        for obj in model.objects.all().iterator():
            for field in fields:
                setattr(obj, f"{field}_en", getattr(obj, field))
            stored = (obj.translations or {}) if has_json else {}
            for language in languages:
                if language == "en":
                    continue
                texts = stored.get(language) or {}
                for field in fields:
                    if texts.get(field):
                        setattr(obj, f"{field}_{language}", texts[field])
                if model_name == "Question" and texts.get("options"):
                    labels = {str(k): v for k, v in texts["options"].items() if v}
                    setattr(obj, f"option_labels_{language}", labels)
            obj.save()


def carry_back(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("mapping", model_name)
        if not any(f.name == "translations" for f in model._meta.get_fields()):
            continue
        languages = [code for code in _languages(model) if code != "en"]
        for obj in model.objects.all().iterator():
            stored = {}
            for language in languages:
                texts = {f: getattr(obj, f"{f}_{language}") for f in fields if getattr(obj, f"{f}_{language}")}
                if model_name == "Question" and getattr(obj, f"option_labels_{language}"):
                    texts["options"] = getattr(obj, f"option_labels_{language}")
                if texts:
                    stored[language] = texts
            for field in fields:
                setattr(obj, field, getattr(obj, f"{field}_en") or getattr(obj, field))
            obj.translations = stored
            obj.save()


class Migration(migrations.Migration):
    dependencies = [
        ("mapping", "0004_translated_fields"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
    ]
