"""Translated content: which language a model text is shown in, and the fallback to English.

Texts people read are stored per language by django-modeltranslation (`title_en`, `title_fr`...,
one column per language of settings.LANGUAGES). Reading `obj.title` already gives the active
language's text or the English one; this module also says *which* language came back, so a page
can mark English shown in place of a missing translation (`{% content %}` in saphire_i18n).
"""

from django.conf import settings
from django.utils.translation import get_language

EMPTY = (None, "", {}, [])


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def active_language() -> str:
    code = (get_language() or default_language()).split("-")[0]
    return code if code in language_codes() else default_language()


def localized_names(field: str) -> list[str]:
    """`title` -> ["title_en", "title_fr", ...], in the order of settings.LANGUAGES."""
    return [f"{field}_{code}" for code in language_codes()]


class ContentText(str):
    """A text with the language it is written in; `is_fallback` when it is not the page's language."""

    language: str
    is_fallback: bool

    def __new__(cls, value: str, language: str, *, requested: str | None = None):
        text = super().__new__(cls, value)
        text.language = language
        text.is_fallback = language != (requested or language)
        return text


def _lookup(obj, name: str):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def content_text(obj, field: str, language: str | None = None) -> ContentText:
    """`field` of `obj` in `language` (default: the active one), else in English.

    `obj` is a model instance with translated fields, or a published snapshot (a dict) holding
    `title` in English and `title_<code>` for the other languages.
    """
    language = language or active_language()
    order = [language] + [code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES if code != language]
    for code in order:
        value = _lookup(obj, f"{field}_{code}")
        if value in EMPTY and code == default_language():
            value = _lookup(obj, field) if isinstance(obj, dict) else None
        if value not in EMPTY:
            return ContentText(value, code, requested=language)
    value = _lookup(obj, field)
    return ContentText("" if value in EMPTY else value, default_language(), requested=language)


def marked_text(obj, field: str, *, chars: int = 0) -> str:
    """`field` in the page's language, or the English text followed by "(English)" in the page's language.

    For places that hold no markup (an <option>, an attribute, a model's `__str__` in a form's choices).
    `chars` shortens the text (not the marker) to that many characters.
    """
    from django.utils.text import Truncator
    from django.utils.translation import get_language_info

    text = content_text(obj, field)
    shown = Truncator(str(text)).chars(chars) if chars else str(text)
    if not text.is_fallback:
        return shown
    return f"{shown} ({get_language_info(text.language)['name_translated']})"


def texts_by_language(obj, field: str) -> dict[str, str]:
    """Every stored translation of `field`, for snapshots and API output: {"en": "...", "fr": "..."}."""
    result = {}
    for code in language_codes():
        value = _lookup(obj, f"{field}_{code}")
        if value not in EMPTY:
            result[code] = value
    return result


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` stored per language (registered in its app's translation.py)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        registered = translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()
    return tuple(field.name for field in model._meta.fields if field.name in registered)


def localized_field_names(model) -> list[str]:
    """Every per-language column of `model`: ["title_en", "title_fr", "summary_en", ...]."""
    return [name for field in translated_fields(model) for name in localized_names(field)]


def stored_values(model, values: dict) -> dict:
    """`values` for a write, with a bare translated name (`title`) meaning the English text.

    Without this, modeltranslation would write `title` into the *active* language's column, so an
    editor working in French would overwrite the French text when typing the English one.
    """
    names = translated_fields(model)
    return {(f"{key}_{default_language()}" if key in names else key): value for key, value in values.items()}


def snapshot_texts(obj, *fields: str) -> dict:
    """Texts for a frozen snapshot (a published version): `title` in English, `title_fr`... where given."""
    result = {}
    for field in fields:
        result[field] = getattr(obj, f"{field}_{default_language()}", None) or ""
        for code in language_codes():
            value = getattr(obj, f"{field}_{code}", None)
            if code != default_language() and value:
                result[f"{field}_{code}"] = value
    return result
