"""Every integer, free text and date a form, serializer or filter of the project takes is bounded.

The walk starts from the URL configuration, so it covers every input the site can reach; a new
unbounded field makes `test_every_input_is_bounded` fail with its name. What the bounds give on the
wire (a 400 with the field's message, never a 500) is checked on real endpoints below.
"""

import gc
import importlib
import tomllib
from pathlib import Path

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection, models
from rest_framework import serializers

from saphire import bounds

# The project's own packages, as the import contract names them: a new app is walked too.
PROJECT_APPS = set(
    tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["tool"]["importlinter"][
        "root_packages"
    ]
)


def _subclasses(base: type) -> list[type]:
    found, stack = [], [base]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in PROJECT_APPS:
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _small_integer_names() -> set[str]:
    """Names of smallint columns: an input of the same name must fit one."""
    return {
        field.name
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.SmallIntegerField | models.PositiveSmallIntegerField)
    }


def _integer_problem(name: str, low, high, smallint_names: set[str], column=None) -> str | None:
    if low is None or high is None:
        return "integer without min_value and max_value"
    if column is not None:
        column_low, column_high = connection.ops.integer_field_range(column.get_internal_type())
    elif name in smallint_names:
        column_low, column_high = -bounds.SMALLINT_MAX - 1, bounds.SMALLINT_MAX
    else:
        column_low, column_high = -bounds.INT_MAX - 1, bounds.INT_MAX
    if high > column_high or low < column_low:
        return f"integer range {low}..{high} beyond the column's {column_low}..{column_high}"
    return None


def _text_problem(max_length) -> str | None:
    if max_length is None or max_length > bounds.DOCUMENT_MAX_LENGTH:
        return f"text without a max_length up to {bounds.DOCUMENT_MAX_LENGTH}"
    return None


def _date_problem(validators) -> str | None:
    return None if bounds.validate_sane_date in validators else "date without bounds.validate_sane_date"


def _serializer_problems(label: str, serializer, smallint_names: set[str]):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        where = f"{label}.{name}"
        column = _model_field(type(serializer), field.source) if field.source != "*" else None
        yield from _serializer_field_problems(where, name, field, smallint_names, column)


def _serializer_field_problems(where: str, name: str, field, smallint_names: set[str], column=None):
    if isinstance(field, serializers.ListSerializer):
        field = field.child
    if isinstance(field, serializers.BaseSerializer):
        yield from _serializer_problems(where, field, smallint_names)
        return
    if isinstance(field, serializers.ListField | serializers.DictField):
        yield from _serializer_field_problems(f"{where}[]", name, field.child, smallint_names)
        return
    problem = None
    if isinstance(field, serializers.IntegerField):
        problem = _integer_problem(name, field.min_value, field.max_value, smallint_names, column)
    elif isinstance(field, serializers.CharField):
        problem = _text_problem(field.max_length)
    elif isinstance(field, serializers.DateField | serializers.DateTimeField):
        problem = _date_problem(field.validators)
    elif isinstance(field, serializers.FloatField) and bounds.validate_finite not in field.validators:
        problem = "float without bounds.validate_finite"
    if problem:
        yield f"{where}: {problem}"


def _model_field(form_or_serializer_class, name: str):
    meta = getattr(form_or_serializer_class, "_meta", None) or getattr(form_or_serializer_class, "Meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _form_problems(form_class, smallint_names: set[str]):
    for name, field in form_class.base_fields.items():
        where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
        if field.disabled:
            continue
        problem = None
        if isinstance(field, forms.FloatField | forms.DecimalField):
            pass  # a double holds any float; a decimal is bounded by its max_digits
        elif isinstance(field, forms.IntegerField):
            # A ModelForm runs the model's validators, which carry the column's range.
            if _model_field(form_class, name) is None:
                problem = _integer_problem(name, field.min_value, field.max_value, smallint_names)
        elif isinstance(field, forms.CharField):
            problem = _text_problem(field.max_length)
        elif isinstance(field, forms.DateField | forms.DateTimeField):
            problem = _date_problem(field.validators)
        if problem:
            yield f"{where}: {problem}"


def _filter_problems(filterset_class):
    for name, field in filterset_class.base_filters.items():
        where = f"{filterset_class.__module__}.{filterset_class.__qualname__}.{name}"
        date_filters = django_filters.DateFilter | django_filters.DateTimeFilter | django_filters.IsoDateTimeFilter
        if isinstance(field, date_filters) and bounds.validate_sane_date not in field.field_class.default_validators:
            yield f"{where}: date filter without bounds.validate_sane_date"


def unbounded_inputs() -> list[str]:
    importlib.import_module("saphire.urls")  # every view, form, serializer and filter the site reaches
    smallint_names = _small_integer_names()
    problems = []
    for serializer_class in _subclasses(serializers.BaseSerializer):
        # By the project's naming rule an *Output* serializer only ever writes responses.
        if serializer_class.__module__ == "saphire.bounds" or "Output" in serializer_class.__qualname__:
            continue
        label = f"{serializer_class.__module__}.{serializer_class.__qualname__}"
        problems += list(_serializer_problems(label, serializer_class(), smallint_names))
    for form_class in _subclasses(forms.BaseForm):
        if issubclass(form_class, AuthenticationForm):
            continue  # Django's sign-in form: the user model bounds the name; the password is only hashed
        problems += list(_form_problems(form_class, smallint_names))
    for filterset_class in _subclasses(django_filters.FilterSet):
        problems += list(_filter_problems(filterset_class))
    return problems


def test_every_input_is_bounded(db):
    assert unbounded_inputs() == []


def test_the_walk_finds_an_unbounded_input(db):
    class Loose(serializers.Serializer):
        capacity = serializers.IntegerField()
        note = serializers.CharField()
        when = serializers.DateTimeField()
        weight = serializers.FloatField()

    Loose.__module__ = "workshops.serializers"
    try:
        problems = [p for p in unbounded_inputs() if ".Loose." in p]
    finally:
        del Loose
        gc.collect()  # out of __subclasses__, so later walks do not see it
    assert [p.split(": ")[0].rsplit(".", 1)[1] for p in problems] == ["capacity", "note", "when", "weight"]


def test_bounded_serializer_refuses_what_the_database_cannot_hold_or_should_not():
    class Bounded(bounds.Serializer):
        capacity = serializers.IntegerField()
        note = serializers.CharField()
        day = serializers.DateField()
        weight = serializers.FloatField()

    too_much = Bounded(
        data={"capacity": 2**31, "note": "n" * (bounds.TEXT_MAX_LENGTH + 1), "day": "0001-01-01", "weight": "NaN"}
    )
    just_right = Bounded(
        data={"capacity": bounds.INT_MAX, "note": "n" * bounds.TEXT_MAX_LENGTH, "day": "2100-12-31", "weight": 1e300}
    )

    assert not too_much.is_valid()
    assert set(too_much.errors) == {"capacity", "note", "day", "weight"}
    assert just_right.is_valid(), just_right.errors


def test_bounded_form_refuses_what_the_database_cannot_hold():
    class Bounded(bounds.Form):
        capacity = forms.IntegerField()
        note = forms.CharField(widget=forms.Textarea)
        day = forms.DateField()

    too_much = Bounded(data={"capacity": 2**31, "note": "n" * (bounds.TEXT_MAX_LENGTH + 1), "day": "0001-01-01"})
    just_right = Bounded(data={"capacity": -(2**31), "note": "n" * bounds.TEXT_MAX_LENGTH, "day": "1900-01-01"})

    assert set(too_much.errors) == {"capacity", "note", "day"}
    assert just_right.is_valid(), just_right.errors
    assert f'maxlength="{bounds.TEXT_MAX_LENGTH}"' in str(just_right["note"])
