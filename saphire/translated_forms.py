"""Form fields for each language of a translated text: `title` holds English, `title_fr`... the others."""

import copy

from django.conf import settings
from django.utils.text import format_lazy

from saphire.i18n import default_language, language_codes


def other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


def add_language_fields(form, names: list[str]) -> None:
    """After each English field named in `names`, an optional copy per other language of settings.LANGUAGES."""
    fields = {}
    for name, field in form.fields.items():
        fields[name] = field
        if name not in names:
            continue
        for code, language in other_languages():
            extra = copy.deepcopy(field)
            extra.required = False
            extra.label = format_lazy("{} ({})", field.label, language)
            extra.help_text = ""
            fields[f"{name}_{code}"] = extra
    form.fields = fields


def language_initial(obj, names: list[str]) -> dict:
    """Form initial values: `title` from the English column, `title_fr`... from theirs."""
    initial = {}
    for name in names:
        for code in language_codes():
            value = getattr(obj, f"{name}_{code}", None) or ""
            initial[name if code == default_language() else f"{name}_{code}"] = value
    return initial


def language_values(cleaned_data: dict, names: list[str]) -> dict:
    """The other languages' texts of a bound form, by column: {"title_fr": "...", ...}.

    A blank input is None, modeltranslation's "no translation", which unique columns (a population
    group's name) accept more than once.
    """
    return {
        f"{name}_{code}": cleaned_data.get(f"{name}_{code}") or None
        for name in names
        for code, _language in other_languages()
    }
