"""Questionnaire texts in the reader's language (stored per language by modeltranslation)."""

from saphire.i18n import ContentText, active_language, content_text, default_language


def translated(obj, field: str, language: str | None = None) -> ContentText:
    return content_text(obj, field, language)


def option_labels(question, language: str | None = None) -> dict[str, ContentText]:
    """Label of each option value: the language's own where given, else the English one in `options`."""
    language = language or active_language()
    english = default_language()
    own = {
        str(o["value"]): ContentText(o.get("label", str(o["value"])), english, requested=language)
        for o in question.options or []
    }
    if language != english:
        stored = getattr(question, f"option_labels_{language}", None) or {}
        own.update({str(k): ContentText(v, language) for k, v in stored.items() if v})
    return own
