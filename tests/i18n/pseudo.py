"""A pseudo-locale: every message of the code and of Django, accented and bracketed, and a reader of
rendered pages that lists the visible text which is not.

"Region" or "Status" are spelt alike in several languages, so a page in a real language cannot tell
a forgotten string from a translated one; in the pseudo-locale every translated text reads ⟦Réğíóñ⟧.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import django
from django.apps import apps
from django.db import models

from tests.i18n.catalogues import Entry, parse

OPEN, CLOSE = "⟦", "⟧"
ACCENTED = str.maketrans("aeiouycnrgAEIOUYCNRG", "áéíóúýçñřğÁÉÍÓÚÝÇÑŘĞ")
# What must come through translation untouched: placeholders, tags, entities and addresses.
KEPT = re.compile(
    r"(%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]|\{[^{}]*\}"
    r"|<[^>]*>|&[#\w]+;|https?://\S+)"
)


def pseudo(text: str) -> str:
    return (
        OPEN + "".join(part if KEPT.fullmatch(part) else part.translate(ACCENTED) for part in KEPT.split(text)) + CLOSE
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def library_messages() -> dict:
    """The messages of Django and the installed apps (form errors, month names, filters...).

    Read from each one's English catalogue where it has one, else from any of its catalogues.
    """
    roots = [Path(django.__file__).parent / "conf"] + [Path(config.path) for config in apps.get_app_configs()]
    found: dict = {}
    for root in roots:
        catalogues = sorted(root.glob("locale/*/LC_MESSAGES/django.po"))
        english = [path for path in catalogues if path.parts[-3] == "en"]
        for path in english or catalogues[:1]:
            found.update(parse(path.read_text(encoding="utf-8")))
    return found


def write_catalogue(messages: dict[tuple[str | None, str], Entry], locale_dir: Path, code: str) -> None:
    """`locale_dir/<code>/LC_MESSAGES/django.mo`, every message pseudo-translated."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for (context, msgid), entry in messages.items():
        if context is not None:
            lines.append(f"msgctxt {_quote(context)}")
        lines.append(f"msgid {_quote(msgid)}")
        if entry.plural is not None:
            lines.append(f"msgid_plural {_quote(entry.plural)}")
            lines.append(f"msgstr[0] {_quote(pseudo(msgid))}")
            lines.append(f"msgstr[1] {_quote(pseudo(entry.plural))}")
        else:
            lines.append(f"msgstr {_quote(pseudo(msgid))}")
        lines.append("")
    target = locale_dir / code / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_text("\n".join(lines), encoding="utf-8")
    subprocess.run(
        [shutil.which("msgfmt") or "msgfmt", "-o", str(target / "django.mo"), str(target / "django.po")], check=True
    )


def stored_data() -> set[str]:
    """Every text the dataset stores outside translated fields: names, codes, titles people typed,
    and the canonical names of time zones (identifiers, not prose).

    Translated fields are left out on purpose: on a page they are either in the page's language or
    English marked as such (`lang="en"`, or "(English)" where no markup fits), never bare.
    """
    import zoneinfo

    from saphire.i18n import translated_fields

    texts: set[str] = set(zoneinfo.available_timezones())
    for model in apps.get_models():
        translated = set(translated_fields(model))
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
            and not field.choices
            and field.name not in translated
            and field.name.rpartition("_")[0] not in translated
        ]
        if names:
            for row in model._base_manager.values_list(*names):
                for value in row:
                    texts.update(_strings(value))
    return texts


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def blank_translations(code: str) -> None:
    """Empty every translated field's `code` column, so content shows as English marked as a fallback."""
    from saphire.i18n import translated_fields

    for model in apps.get_models():
        fields = translated_fields(model)
        if fields:
            model._base_manager.update(**{f"{name}_{code}": None for name in fields})


# Text that is data, not a message: numbers, codes (FI1D, PDF), dates and times, e-mail addresses.
DATA = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]*\d[\w-]*\b|\b[A-Z][A-Z0-9_-]+\b")
WORD = re.compile(r"[^\W\d_]{2,}")
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


class VisibleText(HTMLParser):
    """The text a person reads or hears on a page, with the language each piece is in."""

    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", page_language, False)]
        self.found: list[tuple[str, str]] = []  # (where, text) in the page's language

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        _parent, language, skipped = self.stack[-1]
        language = attrs.get("lang") or language
        skipped = skipped or tag in SKIPPED_ELEMENTS
        if not skipped and language == self.stack[0][1]:
            for name in ATTRIBUTES:
                if attrs.get(name):
                    self.found.append((f"<{tag} {name}>", attrs[name]))
            if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
                self.found.append((f"<{tag} value>", attrs["value"]))
        if tag not in VOID:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        tag, language, skipped = self.stack[-1]
        if not skipped and language == self.stack[0][1] and data.strip():
            self.found.append((f"<{tag}>", data))


def data_words(texts: set[str]) -> set[str]:
    return {word.casefold() for text in texts for word in WORD.findall(DATA.sub(" ", text))}


def untranslated(html: str, page_language: str, data: set[str], marker: str = "") -> list[str]:
    """The visible texts of `html` in the page's language with words that are neither pseudo-translated
    nor data (`data`: the words of the stored data, from `data_words`).

    A translation may hold markup, so a pseudo-translated text can open in one text node and close in
    a later one: what lies between the brackets is skipped across nodes. A text holding `marker` (the
    pseudo-translated "(English)" that follows a plain content fallback) is content marked as such.
    """
    reader = VisibleText(page_language)
    reader.feed(html)
    found = []
    depth = 0
    for where, text in reader.found:
        kept = []
        is_attribute = " " in where
        level = 0 if is_attribute else depth
        for char in text:
            if char == OPEN:
                level += 1
            elif char == CLOSE:
                level = max(level - 1, 0)
            elif level == 0:
                kept.append(char)
        if not is_attribute:
            depth = level
        if marker and marker in text:
            continue
        rest = DATA.sub(" ", "".join(kept))
        if any(word.casefold() not in data for word in WORD.findall(rest)):
            found.append(f"{where} {' '.join(text.split())[:120]!r}")
    return found
