"""The API's shape of translated content: each text field in English, and a `translations` object.

`{"title": "...", "translations": {"de": {"title": "..."}, "fr": {...}}}`, one key per language of
settings.LANGUAGES but English, read from and written to the per-language columns (title_de...).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from saphire.i18n import default_language, language_codes


def _other_languages() -> list[str]:
    return [code for code in language_codes() if code != default_language()]


TRANSLATIONS_SCHEMA = {
    "type": "object",
    "description": "Texts in the languages other than English, by language code "
    f"({', '.join(_other_languages())}): " + '{"de": {"title": "..."}}; a language with no translation is '
    'left out. A question\'s option labels are under "options" ({"value": "label"}).',
    "propertyNames": {"enum": _other_languages()},
    "additionalProperties": {
        "type": "object",
        "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]
        },
    },
}


@extend_schema_field(TRANSLATIONS_SCHEMA)
class TranslationsField(serializers.Field):
    """{"<language>": {"<field>": "text", "options": {"<value>": "label"}}} for every language but English."""

    def __init__(self, *, fields: list[str], option_labels: bool = False, **kwargs):
        self.text_fields = fields
        self.option_labels = option_labels
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def _languages(self) -> list[str]:
        return _other_languages()

    def to_representation(self, obj) -> dict:
        result = {}
        for code in self._languages():
            texts = {f: getattr(obj, f"{f}_{code}") for f in self.text_fields if getattr(obj, f"{f}_{code}", None)}
            if self.option_labels and getattr(obj, f"option_labels_{code}", None):
                texts["options"] = getattr(obj, f"option_labels_{code}")
            if texts:
                result[code] = texts
        return result

    def to_internal_value(self, data) -> dict:
        if not isinstance(data, dict):
            raise serializers.ValidationError('Send an object keyed by language code, e.g. {"de": {...}}.')
        unknown = set(data) - set(self._languages())
        if unknown:
            raise serializers.ValidationError(
                f"Unknown language: {', '.join(sorted(unknown))}. Languages: {', '.join(self._languages())}."
            )
        values = {}
        for code, texts in data.items():
            if not isinstance(texts, dict):
                raise serializers.ValidationError({code: 'Send an object of texts, e.g. {"title": "..."}.'})
            allowed = set(self.text_fields) | ({"options"} if self.option_labels else set())
            extra = set(texts) - allowed
            if extra:
                raise serializers.ValidationError({code: f"Unknown field: {', '.join(sorted(extra))}."})
            for field in self.text_fields:
                if field in texts:
                    if not isinstance(texts[field], str):
                        raise serializers.ValidationError({code: {field: "Must be a string."}})
                    values[f"{field}_{code}"] = texts[field] or None
            if "options" in texts:
                labels = texts["options"]
                if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
                    raise serializers.ValidationError({code: {"options": 'Send {"value": "label"}.'}})
                values[f"option_labels_{code}"] = {str(k): v for k, v in labels.items()}
        return values


class EnglishText(serializers.CharField):
    """The English text of a translated field (the source every translation is made from), "" if none."""

    def __init__(self, field: str, **kwargs):
        super().__init__(source=f"{field}_{default_language()}", read_only=True, **kwargs)

    def get_attribute(self, instance):
        return super().get_attribute(instance) or ""


def english(field: str, **kwargs) -> serializers.CharField:
    return EnglishText(field, **kwargs)
