"""`{% content obj "title" %}`: a translated text, marked when English stands in for the page's language."""

from django import template
from django.template.defaultfilters import truncatechars, truncatewords
from django.utils.html import format_html
from django.utils.translation import get_language_info

from saphire.i18n import ContentText, content_text, default_language, language_codes, texts_by_language

register = template.Library()


def _shown(obj, field: str | None) -> ContentText:
    if field is None:
        if isinstance(obj, ContentText):
            return obj
        return ContentText("" if obj is None else str(obj), "")
    return content_text(obj, field)


@register.simple_tag
def content(obj, field: str | None = None, *, words: int = 0, chars: int = 0, plain: bool = False):
    """The text of `obj.<field>` (or a ContentText) in the page's language.

    A fallback is wrapped in an element with its own `lang` and followed by "(English)" in the
    page's language, so readers and screen readers both know why it is not translated. `plain`
    gives text only, for places that cannot hold markup (an <option>, an attribute, SVG <title>).
    """
    text = _shown(obj, field)
    shown = truncatewords(text, words) if words else truncatechars(text, chars) if chars else str(text)
    if not getattr(text, "is_fallback", False):
        return shown
    name = get_language_info(text.language)["name_translated"]
    if plain:
        return f"{shown} ({name})"
    return format_html(
        '<span lang="{}">{}</span> <span class="content-fallback">({})</span>', text.language, shown, name
    )


@register.simple_tag
def other_translations(obj, field: str) -> list[tuple[str, str]]:
    """[(language code, text)] of `field` in every language but English, for editors' pages."""
    return [(code, text) for code, text in texts_by_language(obj, field).items() if code != default_language()]


@register.simple_tag
def missing_translations(obj, field: str) -> list[str]:
    """Names (in the page's language) of the languages `field` has no text in yet."""
    present = texts_by_language(obj, field)
    return [
        get_language_info(code)["name_translated"]
        for code in language_codes()
        if code != default_language() and code not in present
    ]
