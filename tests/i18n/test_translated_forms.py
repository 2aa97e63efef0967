"""Forms with a text per language: one collapsed group per other language, the reader's own open."""

import re

from django import forms
from django.utils import translation

from saphire.translated_forms import add_language_fields, language_values


class TitleForm(forms.Form):
    title = forms.CharField(label="Title")
    summary = forms.CharField(label="Summary", required=False)
    order = forms.IntegerField(label="Order", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, ["title", "summary"])


def groups(html: str) -> list[tuple[bool, list[str]]]:
    """(open, [input names]) of each language group of a rendered form."""
    return [
        (" open" in opening, re.findall(r'name="([a-z_]+)"', body))
        for opening, body in re.findall(r"<details class=\"language-group\"([^>]*)>(.*?)</details>", html, re.S)
    ]


def test_one_group_per_other_language_with_the_readers_open():
    with translation.override("de"):
        html = str(TitleForm())

    assert groups(html) == [
        (False, ["title_fr", "summary_fr"]),
        (True, ["title_de", "summary_de"]),
        (False, ["title_es", "summary_es"]),
        (False, ["title_it", "summary_it"]),
        (False, ["title_nl", "summary_nl"]),
    ]
    # The groups follow the last translated field, before the fields that are not translated.
    assert html.index('name="summary"') < html.index('name="title_fr"') < html.index('name="order"')
    # What is typed in a group is in that group's language.
    assert re.search(r'<input[^>]*lang="it"[^>]*name="title_it"|<input[^>]*name="title_it"[^>]*lang="it"', html)


def test_a_group_with_an_error_is_open_and_values_are_kept():
    class Bounded(TitleForm):
        def clean_title_nl(self):
            raise forms.ValidationError("Too long")

    with translation.override("en"):
        form = Bounded(data={"title": "Strategy", "title_nl": "Strategie", "summary_es": "Resumen"})
        assert not form.is_valid()
        html = str(form)

    assert [opened for opened, _names in groups(html)] == [False, False, False, False, True]
    assert 'value="Strategie"' in html
    assert language_values({"title_es": "Estrategia", "summary_es": ""}, ["title", "summary"])["title_es"] == (
        "Estrategia"
    )
