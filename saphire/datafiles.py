"""Reading the data files that ship beside the code (starter library, default questionnaire...).

Texts people read are written per language in the files (`title: {en: ..., fr: ...}`) so that
translators edit them in one place; `translated_columns` turns them into the django-modeltranslation
columns (`title_en`, `title_fr`...) for the languages of settings.LANGUAGES.
"""

from pathlib import Path

import yaml

from saphire.i18n import default_language, language_codes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file is missing a key or holds a value of the wrong kind."""


def read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)  # noqa: S506 (a safe loader, the C one when built)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level")
    return data


def default_text(texts: dict | None) -> str:
    """The default language's text of a `{language: text}` mapping ("" when absent)."""
    return (texts or {}).get(default_language(), "")


def translated_columns(field: str, texts: dict | None, *, include_default: bool = True) -> dict[str, str]:
    """`{en: "A", fr: "B"}` -> `{"title_en": "A", "title_fr": "B"}` for the languages the portal has.

    Languages the portal does not offer are left out; missing ones are not written, so the
    modeltranslation fallback to English applies. `include_default=False` leaves the default
    language out, for services that take it under the bare field name.
    """
    texts = texts or {}
    return {
        f"{field}_{code}": texts[code]
        for code in language_codes()
        if texts.get(code) and (include_default or code != default_language())
    }
