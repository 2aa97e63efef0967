"""Questionnaire texts in the reader's language; translations are stored with the questionnaire."""

from django.utils.translation import get_language


def translated(obj, field: str, language: str | None = None) -> str:
    language = (language or get_language() or "en").split("-")[0]
    text = (obj.translations or {}).get(language, {}).get(field) if language != "en" else None
    return text or getattr(obj, field)


def option_labels(question, language: str | None = None) -> dict[str, str]:
    language = (language or get_language() or "en").split("-")[0]
    own = {str(o["value"]): o.get("label", str(o["value"])) for o in question.options or []}
    if language != "en":
        own.update({k: v for k, v in (question.translations or {}).get(language, {}).get("options", {}).items() if v})
    return own
