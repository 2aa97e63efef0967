"""Every shipped data file: each text people read is written in every portal language, keeps the
English text's numbers, placeholders and addresses, and follows French spacing.

A new file under `<app>/data/` must be listed here, as translated or (with the reason) not.
"""

import re
from pathlib import Path

import pytest

from saphire.datafiles import read_yaml
from saphire.i18n import language_codes

ROOT = Path(__file__).resolve().parents[2]
# The languages the portal's content ships in; the portal's own languages come on top.
SHIPPED_LANGUAGES = ("en", "fr", "de", "es", "it", "nl")
TRANSLATED = {
    "mapping/data/themes.yaml",
    "mapping/data/default_questionnaire.yaml",
    "roadmap/data/starter_modules.yaml",
    "reports/data/recommendations.yaml",
    "regions/data/population_groups.yaml",
}
NOT_TRANSLATED = {
    # Official NUTS names, in the region's own language(s): shown as they are, never translated.
    "regions/data/fallback_regions.yaml",
}
# Keys whose value people read: always a `{language: text}` mapping ({} when there is no text).
TEXT_KEYS = {
    *("name", "title", "description", "summary", "text", "help_text", "label", "kpi", "kpi_target"),
    *("conditions_more_frequent", "conditions_less_frequent"),
}

URL = re.compile(r"https?://\S+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# A number of two digits or more, with its thousands separators (10,000 / 10.000 / 10 000).
NUMBER = re.compile(r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?!\d)|\d{2,}")
WORD = re.compile(r"[^\W\d_]+")
FRENCH_SPACE = "\u202f"  # a narrow no-break space, as in the French catalogue


def shipped_files() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("*/data/*.yaml"))


def _texts(node, where=""):
    """(place, key, value) for every value under a TEXT_KEYS key, and every `{en: ...}` mapping."""
    if isinstance(node, dict):
        if isinstance(node.get("en"), str):
            yield where, None, node
            return
        for key, value in node.items():
            place = f"{where}/{node.get('code', '')}.{key}".replace("/.", "/")
            if key in TEXT_KEYS and not (isinstance(value, dict) and isinstance(value.get("en"), str)):
                yield place, key, value
            else:
                yield from _texts(value, place)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{where}[{index}]")


def _numbers(text: str) -> list[str]:
    return sorted(re.sub(r"\D", "", number) for number in NUMBER.findall(URL.sub("", text)))


def problems(data: dict, languages) -> list[str]:
    """What is wrong with the texts of one data file, one line per problem."""
    found = []
    for place, key, value in _texts(data):
        if key is not None:
            if value != {}:
                found.append(f"{place}: {value!r} is not a text per language")
            continue
        english = value["en"]
        for language in languages:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                found.append(f"{place}: no {language} text for {english!r}")
                continue
            if language == "en":
                continue
            if sorted(URL.findall(text)) != sorted(URL.findall(english)):
                found.append(f"{place}: {language} addresses differ from English in {text!r}")
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(english)):
                found.append(f"{place}: {language} placeholders differ from English in {text!r}")
            if _numbers(text) != _numbers(english):
                found.append(f"{place}: {language} numbers differ from English in {text!r}")
            if len(WORD.findall(english)) >= 4 and text == english:  # names such as "Horizon Europe" may stay
                found.append(f"{place}: the {language} text is the English one: {text!r}")
            if language == "fr" and re.search(rf"[^{FRENCH_SPACE}][;?!]|[^{FRENCH_SPACE}]:(?!//)", text):
                found.append(f"{place}: French needs a narrow no-break space before : ; ? ! in {text!r}")
    return found


def test_every_data_file_is_listed_as_translated_or_not():
    assert set(shipped_files()) == TRANSLATED | NOT_TRANSLATED


@pytest.mark.parametrize("name", sorted(TRANSLATED))
def test_every_text_people_read_is_written_in_every_language(name):
    languages = sorted(set(SHIPPED_LANGUAGES) | set(language_codes()))

    assert problems(read_yaml(ROOT / name), languages) == []


@pytest.mark.parametrize("name", sorted(NOT_TRANSLATED))
def test_untranslated_files_hold_no_text_per_language(name):
    assert not any(key is None for _place, key, _value in _texts(read_yaml(ROOT / name)))


def test_the_check_finds_missing_empty_and_altered_texts():
    data = {
        "modules": [
            {
                "code": "M1",
                "title": {"en": "Ten thousand", "fr": "Dix mille", "de": "  "},
                "summary": "Only English, not per language",
                "description": {},
                "actions": [
                    {"kpi": {"en": "10,000 visits on https://example.org", "fr": "10 000 visites sur https://x.org"}},
                    {"kpi_target": {"en": "Within 18 months: {n}", "fr": "Dans les 8 mois: {m}"}},
                    {"title": {"en": "Publish the yearly report", "fr": "Publish the yearly report"}},
                ],
            }
        ]
    }

    lines = problems(data, ["en", "fr", "de"])
    found = "\n".join(lines)

    assert "M1.title: no de text for 'Ten thousand'" in found
    assert "M1.summary: 'Only English, not per language' is not a text per language" in found
    assert "description" not in found
    assert "fr addresses differ" in found and "no de text for '10,000 visits" in found
    assert not any("numbers differ" in line and "visites" in line for line in lines)  # 10 000 is 10,000
    assert "fr placeholders differ" in found and "fr numbers differ from English in 'Dans les 8 mois" in found
    assert "French needs a narrow no-break space" in found
    assert "the fr text is the English one" in found
