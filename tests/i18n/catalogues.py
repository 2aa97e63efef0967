"""The messages the code asks for, extracted at test time, and the catalogues that answer them.

`extract()` runs makemessages over a copy of the project's code (never over the real `locale/`), so
a `{% translate %}` added today is in the list today.
"""

import ast
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
# What makemessages reads: the project's own apps and the templates, not the tests, the docs or the
# benchmarks. Read from INSTALLED_APPS, so that a new app's messages are checked from its first day.
SOURCES = (*(name for name in settings.INSTALLED_APPS if "." not in name and (ROOT / name).is_dir()), "templates")
SKIPPED = shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "*.yaml", "*.yml", "*.json", "*.csv", "*.svg")


@dataclass
class Entry:
    context: str | None
    msgid: str
    plural: str | None = None
    translations: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def is_translated(self) -> bool:
        return bool(self.translations) and all(self.translations) and "fuzzy" not in self.flags


def parse(text: str) -> dict[tuple[str | None, str], Entry]:
    """The entries of a .po file by (msgctxt, msgid); the header and obsolete (#~) entries left out.

    An entry ends where the next one's comment, msgctxt or msgid starts, blank line or not.
    """
    entries: dict[tuple[str | None, str], Entry] = {}
    fields: dict[str, str] = {}
    flags: set[str] = set()
    last = None

    def finish():
        if fields.get("msgid"):
            translations = [value for name, value in sorted(fields.items()) if name.startswith("msgstr")]
            entry = Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), translations, set(flags))
            entries[entry.key] = entry

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        starts_entry = line.startswith(("#", "msgctxt ", "msgid ")) and any(n.startswith("msgstr") for n in fields)
        if starts_entry:
            finish()
            fields, flags, last = {}, set(), None
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and last:
            fields[last] += ast.literal_eval(line)
        elif line.startswith("msg"):
            last, _space, rest = line.partition(" ")
            fields[last] = ast.literal_eval(rest)
    finish()
    return entries


def catalogue(code: str) -> dict[tuple[str | None, str], Entry]:
    path = LOCALE / code / "LC_MESSAGES" / "django.po"
    return parse(path.read_text(encoding="utf-8")) if path.exists() else {}


def extract(workdir: Path, extra: dict[str, str] | None = None) -> dict[tuple[str | None, str], Entry]:
    """Every message of the code as makemessages finds it, from a copy of the sources in `workdir`.

    `extra`: files to add to the copy ({relative path: text}), to show that a new message is found.
    """
    copy = workdir / "src"
    for name in SOURCES:
        shutil.copytree(ROOT / name, copy / name, ignore=SKIPPED)
    for relative, text in (extra or {}).items():
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text(text, encoding="utf-8")
    (copy / "locale").mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(copy)
        # makemessages writes into the first of LOCALE_PATHS: the copy's, never the project's.
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command("makemessages", locale=["xx"], verbosity=0, no_wrap=True, no_location=True)
    finally:
        os.chdir(cwd)
    return parse((copy / "locale" / "xx" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))


def gaps(messages: dict, entries: dict) -> list[str]:
    """What `entries` (a catalogue) lacks for `messages`: missing, empty or fuzzy translations."""
    found = []
    for key, message in messages.items():
        entry = entries.get(key)
        where = f"{key[0]!r}: {key[1]!r}" if key[0] else repr(key[1])
        if entry is None:
            found.append(f"missing {where}")
        elif "fuzzy" in entry.flags:
            found.append(f"fuzzy {where}")
        elif not entry.is_translated:
            found.append(f"untranslated {where}")
        elif message.plural and len(entry.translations) < 2:
            found.append(f"no plural forms for {where}")
    return found
