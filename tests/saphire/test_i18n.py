"""Translated content: the page's language where written, English otherwise, and marked as English."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from mapping import services
from mapping.forms import QuestionForm, SectionForm
from saphire.i18n import content_text, localized_field_names
from tests.factories import QuestionnaireVersionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load saphire_i18n %}" + source).render(Context(context))


def test_french_page_shows_the_french_text_unmarked():
    section = SectionFactory(title_en="Data", title_fr="Données")

    with translation.override("fr"):
        assert render('{% content s "title" %}', s=section) == "Données"


def test_french_page_marks_english_standing_in_for_a_missing_translation():
    section = SectionFactory(title_en="Data & interoperability")

    with translation.override("fr"):
        html = render('{% content s "title" %}', s=section)

    assert html == '<span lang="en">Data &amp; interoperability</span> <span class="content-fallback">(Anglais)</span>'


def test_english_page_never_marks_english():
    section = SectionFactory(title_en="Data", title_fr="Données")

    assert render('{% content s "title" %}', s=section) == "Data"


def test_plain_marker_for_places_without_markup_and_truncation_before_the_marker():
    section = SectionFactory(title_en="One two three four")

    with translation.override("fr"):
        assert render('{% content s "title" plain=True %}', s=section) == "One two three four (Anglais)"
        assert render('{% content s "title" words=2 %}', s=section).startswith('<span lang="en">One two …</span>')


def test_published_snapshots_read_the_same_way():
    snapshot = {"title": "Telemedicine", "title_fr": "Télémédecine", "kpi": "Consultations"}

    with translation.override("fr"):
        assert content_text(snapshot, "title") == "Télémédecine"
        assert content_text(snapshot, "kpi").is_fallback
    assert not content_text(snapshot, "kpi").is_fallback


def test_every_language_of_settings_has_its_columns():
    # Adding a language to LANGUAGES (then makemigrations) is all it takes to store texts in it.
    codes = [code for code, _name in settings.LANGUAGES]
    assert localized_field_names(SectionFactory._meta.model) == [
        *(f"title_{c}" for c in codes),
        *(f"description_{c}" for c in codes),
    ]


def test_builder_forms_offer_a_text_input_per_other_language():
    version = QuestionnaireVersionFactory()
    others = [code for code, _name in settings.LANGUAGES if code != "en"]

    assert [n for n in SectionForm().fields if n.startswith("title")] == ["title", *(f"title_{c}" for c in others)]
    question_fields = QuestionForm(version=version).fields
    assert [n for n in question_fields if n.startswith("text")] == ["text", *(f"text_{c}" for c in others)]


def test_an_editor_working_in_french_edits_the_english_text_without_losing_the_french():
    section = SectionFactory(version__status="draft", title_en="Data", title_fr="Données")

    with translation.override("fr"):
        services.section_update(section=section, title="Data infrastructure", title_fr="Données")

    section.refresh_from_db()
    assert (section.title_en, section.title_fr) == ("Data infrastructure", "Données")


def test_a_service_refuses_a_language_that_is_not_configured():
    version = QuestionnaireVersionFactory(status="draft")

    with pytest.raises(TypeError):
        services.section_create(version=version, title="Data", title_xx="?")
