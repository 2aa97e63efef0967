from django import forms
from django.core.exceptions import ValidationError

from saphire.forms import add_service_errors


class _NameForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As written on the door.")
    kind = forms.MultipleChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )


def test_service_errors_land_on_the_field_the_form_has_and_above_it_otherwise():
    form = _NameForm({"name": "Oulu"})
    assert form.is_valid()

    add_service_errors(form, ValidationError({"name": "Taken.", "region": "Not yours."}))

    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not yours."]


def test_a_service_error_without_field_goes_above_the_form():
    form = _NameForm({"name": "Oulu"})
    assert form.is_valid()

    add_service_errors(form, ValidationError("Already reviewed."))

    assert form.non_field_errors() == ["Already reviewed."]


def test_every_form_is_drawn_by_the_shared_template_with_help_and_errors_linked():
    form = _NameForm({"name": ""})
    form.is_valid()

    html = str(form)

    assert '<div class="field">' in html
    assert 'id="id_name_helptext"' in html
    assert 'id="id_name_error"' in html
    assert '<fieldset class="field choice-grid"' in html
    assert "<legend>Kind</legend>" in html


class _VersionedForm(forms.Form):
    title = forms.CharField()
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


def test_an_error_on_a_hidden_field_is_shown_above_the_form():
    form = _VersionedForm({"title": "Roadmap", "lock_version": "3"})
    assert form.is_valid()

    add_service_errors(form, ValidationError({"lock_version": "Someone else saved it first."}))

    assert "Someone else saved it first." in str(form)


def test_as_div_draws_the_same_as_the_form_itself():
    form = _NameForm({"name": ""})
    form.is_valid()

    assert form.as_div() == str(form)
