"""Put a narrow no-break space (U+202F) before : ; ! ? in the French catalogue's translations.

Usage: python scripts/fr_punctuation.py locale/fr/LC_MESSAGES/django.po
tests/a11y/test_french_punctuation.py fails on any entry this would change.
"""

import re
import sys
from pathlib import Path

NNBSP = "\u202f"
# A mark that ends a phrase (a space, the end, a quote or a tag follows), not "10:00" or "?next=".
PATTERN = re.compile(r'(?<=[^\s\u202f])[ \u00a0]?([:;!?])(?=\s|$|\\n|\\"|"|<|»)')


def fixed_lines(lines: list[str]) -> list[str]:
    out, in_msgstr, header, msgid_empty = [], False, False, False
    for line in lines:
        if line.startswith("msgid "):
            in_msgstr = False
            msgid_empty = line == 'msgid ""'
        elif line.startswith("msgstr"):
            in_msgstr = True
            header = msgid_empty  # the catalogue's header is the msgstr of the empty msgid
        elif not line.startswith('"'):
            in_msgstr = False
        elif not in_msgstr:
            msgid_empty = False  # a msgid continued on more lines is not the header's
        if in_msgstr and not header and line.count('"') >= 2:
            start = line.index('"')
            line = line[:start] + PATTERN.sub(lambda m: NNBSP + m.group(1), line[start:])
        out.append(line)
    return out


def main(path: str) -> None:
    catalogue = Path(path)
    lines = catalogue.read_text(encoding="utf-8").split("\n")
    catalogue.write_text("\n".join(fixed_lines(lines)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
