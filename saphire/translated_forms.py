"""Form fields for each language of a translated text: `title` holds English, `title_fr`... the others."""

import copy

from django.conf import settings
from django.utils.text import format_lazy

from saphire.i18n import active_language, default_language, language_codes


def other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


def add_language_fields(form, names: list[str]) -> None:
    """An optional copy of each English field named in `names` per other language of settings.LANGUAGES.

    The copies follow the last of those English fields, grouped by language: forms draw each language
    as a collapsed group (`form.language_groups`, after the field named `form.language_anchor`), the
    reader's own language open, so a form stays short with five languages on a phone.
    """
    copies: dict[str, dict] = {}
    for code, language in other_languages():
        for name in names:
            field = form.fields[name]
            extra = copy.deepcopy(field)
            extra.required = False
            extra.label = format_lazy("{} ({})", field.label, language)
            extra.help_text = ""
            extra.language_code = code
            # What is typed here is in that language: spell-checkers and screen readers follow.
            extra.widget.attrs["lang"] = code
            copies[f"{name}_{code}"] = extra
    anchor = [name for name in form.fields if name in names][-1]
    fields = {}
    for name, field in form.fields.items():
        fields[name] = field
        if name == anchor:
            fields.update(copies)
    form.fields = fields
    form.language_anchor = anchor
    form.language_groups = LanguageGroups(form, names)


class LanguageGroups:
    """The per-language fields of a form, by language, read when the form is drawn (errors included)."""

    def __init__(self, form, names: list[str]):
        self.form = form
        self.names = names

    def __iter__(self):
        own = active_language()
        for code, language in other_languages():
            fields = [self.form[f"{name}_{code}"] for name in self.names]
            yield {
                "code": code,
                "name": language,
                "fields": fields,
                "open": code == own or any(field.errors for field in fields),
            }


def is_language_copy(field) -> bool:
    return bool(getattr(field, "language_code", None))


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
