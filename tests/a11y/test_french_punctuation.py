"""French typography in the catalogue: a narrow no-break space (U+202F) before : ; ! and ?.

A plain space would let the mark wrap to the start of the next line; no space at all ("Fait partie
de:") is English punctuation.
"""

import ast
import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
NNBSP = "\u202f"
# A mark that ends a phrase (a space, the end or a tag follows), not "10:00", "https://" or "?next=".
HIGH_PUNCTUATION = re.compile(r"(.?)([:;!?])(?=\s|$|<|»)")


def translations() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry, continuation lines joined, the header left out."""
    entries, current, field = [], {}, None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgid_plural ", "msgstr")):
            if line.startswith("msgid ") and current:
                entries.append(current)
                current = {}
            field, _sep, rest = line.partition(" ")
            current[field] = current.get(field, "") + ast.literal_eval(rest)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line.strip():
            field = None
    if current:
        entries.append(current)
    return [
        (entry["msgid"], text)
        for entry in entries
        if entry.get("msgid")
        for name, text in entry.items()
        if name.startswith("msgstr")
    ]


def misplaced(text: str) -> list[str]:
    return [match.group(0) for match in HIGH_PUNCTUATION.finditer(text) if match.group(1) != NNBSP]


def test_the_check_finds_what_it_should():
    assert misplaced("Fait partie de:") == ["e:"]
    assert misplaced("Fait partie de : X") == [" :"]
    assert misplaced(f"Fait partie de{NNBSP}: X ; 10:00 https://x.eu/?a=1") == [" ;"]
    assert misplaced(f"Vraiment{NNBSP}? Oui{NNBSP}!") == []


def test_french_high_punctuation_has_a_narrow_no_break_space():
    found = translations()
    assert len(found) > 1000
    wrong = [(msgid, text) for msgid, text in found if misplaced(text)]
    assert wrong == [], "\n".join(f"{msgid!r} -> {text!r}" for msgid, text in wrong[:20])
