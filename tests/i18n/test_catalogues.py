"""Every catalogue of settings.LANGUAGES answers every message the code asks for, with no fuzzy entry.

The messages are extracted from the code at test time (makemessages over a copy), so a string added
without its translations fails here, in every language that lacks it.
"""

import shutil
import subprocess

import pytest
from django.conf import settings

from tests.i18n.catalogues import LOCALE, catalogue, extract, gaps, parse

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture(scope="module")
def messages(tmp_path_factory):
    return extract(tmp_path_factory.mktemp("messages"))


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_has_every_message(code, messages):
    found = gaps(messages, catalogue(code))

    assert found == [], f"{len(found)} messages lack a {code} translation:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_compiles_cleanly(code, tmp_path):
    path = LOCALE / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalogue for {code}"

    result = subprocess.run(
        [shutil.which("msgfmt") or "msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(path)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_a_message_added_without_translation_is_found(tmp_path):
    probe = '{% load i18n %}<p>{% translate "A sentence that no catalogue holds" %}</p>'

    messages = extract(tmp_path, extra={"templates/probe.html": probe})

    assert gaps(messages, catalogue("fr")) == ["missing 'A sentence that no catalogue holds'"]


def test_fuzzy_empty_and_contextual_entries_count_as_missing():
    messages = parse(
        'msgid "Open"\nmsgstr ""\n\nmsgctxt "status"\nmsgid "Open"\nmsgstr ""\n\n'
        'msgid "Save"\nmsgstr ""\n\nmsgid "Close"\nmsgstr ""\n'
    )
    # Entries one after the other with no blank line between them are still told apart.
    entries = parse(
        'msgid "Open"\nmsgstr "Ouvrir"\n#, fuzzy\nmsgid "Save"\nmsgstr "Enregistrer"\nmsgid "Close"\nmsgstr ""\n'
    )

    assert gaps(messages, entries) == ["missing 'status': 'Open'", "fuzzy 'Save'", "untranslated 'Close'"]
