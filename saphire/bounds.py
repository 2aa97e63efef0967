"""Bounds on what people send: numbers the database can store, texts of a sane size, dates in a sane range.

Every integer, free text and date that a form, serializer or filter takes is bounded with what is
here; tests/saphire/test_input_bounds.py walks them all and fails when a new one is not.
"""

import math
from datetime import UTC, date, datetime, timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# PostgreSQL's integer and smallint.
INT_MAX = 2**31 - 1
SMALLINT_MAX = 2**15 - 1

# Free text, by kind: a comment, reason or description; a document such as minutes.
TEXT_MAX_LENGTH = 10_000
DOCUMENT_MAX_LENGTH = 50_000

# Dates the portal plans and reports on; outside this a date is a typing mistake.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
# Real time zones run from UTC-12:00 to UTC+14:00.
MAX_UTC_OFFSET = timedelta(hours=14)


def db_range(model: type[models.Model], field_name: str) -> dict[str, int]:
    """`min_value`/`max_value` for an input stored in `model.field_name`: what its column and validators allow."""
    field = model._meta.get_field(field_name)
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            low = max(low, validator.limit_value) if low is not None else validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            high = min(high, validator.limit_value) if high is not None else validator.limit_value
    return {"min_value": low, "max_value": high}


def validate_sane_date(value: date | datetime | None) -> None:
    if value is None:
        return
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s.") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="date_out_of_range",
        )
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            raise ValidationError(
                _("Enter a time-zone offset between -14:00 and +14:00 (for example 2027-03-28T09:30:00+02:00)."),
                code="offset_out_of_range",
            )


def validate_finite(value: float | None) -> None:
    # "NaN" and "Infinity" parse as floats, and PostgreSQL would store them.
    if value is not None and not math.isfinite(value):
        raise ValidationError(_("Enter a number."), code="not_finite")


def _in_utc(value: datetime | None) -> datetime | None:
    # Checked offsets only reach the database, and always as UTC.
    if value is not None and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


def _api_checked(value):
    try:
        validate_sane_date(value)
    except ValidationError as exc:
        raise serializers.ValidationError(exc.messages) from None
    return value


class DateTimeField(serializers.DateTimeField):
    """An API date and time between EARLIEST_YEAR and LATEST_YEAR, with a real-world offset."""

    def to_internal_value(self, value):
        # Checked as sent, before DRF converts the zone: the year 1 never becomes an overflow.
        try:
            sent = value if isinstance(value, datetime) else parse_datetime(str(value))
        except ValueError:
            sent = None  # DRF words the error about the format
        _api_checked(sent)
        return super().to_internal_value(value)


class SaneIsoDateTimeFormField(django_filters.fields.IsoDateTimeField):
    default_validators = [validate_sane_date]

    def clean(self, value):
        return _in_utc(super().clean(value))


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """A filter on an ISO 8601 instant: a year or offset out of range is a 400 with a message, not a 500."""

    field_class = SaneIsoDateTimeFormField


# Forms and serializers that bound what they take -----------------------------------------------
#
# Every form and serializer of the project derives from these. A field that states its own bounds
# keeps them; one that does not gets the widest the database or the text kind allows:
# integers the range of a PostgreSQL integer, texts TEXT_MAX_LENGTH, dates the years above; an API
# float must be finite (Django's form fields already refuse NaN and infinity).


def _bound_form_field(field: forms.Field) -> None:
    if field.disabled:
        return
    if isinstance(field, forms.CharField):
        if field.max_length is None:
            field.max_length = TEXT_MAX_LENGTH
            field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("maxlength", str(TEXT_MAX_LENGTH))
    elif isinstance(field, forms.IntegerField) and not isinstance(field, forms.FloatField | forms.DecimalField):
        if field.max_value is None:
            field.max_value = INT_MAX
            field.validators.append(MaxValueValidator(INT_MAX))
        if field.min_value is None:
            field.min_value = -INT_MAX - 1
            field.validators.append(MinValueValidator(-INT_MAX - 1))
    elif isinstance(field, forms.DateField | forms.DateTimeField) and validate_sane_date not in field.validators:
        field.validators.append(validate_sane_date)


class _BoundedFormMetaclass(forms.forms.DeclarativeFieldsMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        for field in new_class.base_fields.values():
            _bound_form_field(field)
        return new_class


class _BoundedModelFormMetaclass(forms.models.ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        for field in new_class.base_fields.values():
            _bound_form_field(field)
        return new_class


class Form(forms.Form, metaclass=_BoundedFormMetaclass):
    pass


class ModelForm(forms.ModelForm, metaclass=_BoundedModelFormMetaclass):
    pass


def _bound_api_field(field: serializers.Field) -> None:
    if field.read_only:
        return
    if isinstance(field, serializers.ListField | serializers.DictField):
        _bound_api_field(field.child)
    elif isinstance(field, serializers.CharField):
        if field.max_length is None:
            field.max_length = TEXT_MAX_LENGTH
            message = field.error_messages["max_length"].format(max_length=TEXT_MAX_LENGTH)
            field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH, message=message))
    elif isinstance(field, serializers.IntegerField):
        if field.max_value is None:
            field.max_value = INT_MAX
            message = field.error_messages["max_value"].format(max_value=INT_MAX)
            field.validators.append(MaxValueValidator(INT_MAX, message=message))
        if field.min_value is None:
            field.min_value = -INT_MAX - 1
            message = field.error_messages["min_value"].format(min_value=-INT_MAX - 1)
            field.validators.append(MinValueValidator(-INT_MAX - 1, message=message))
    elif (
        isinstance(field, serializers.DateField | serializers.DateTimeField)
        and validate_sane_date not in field.validators
    ):
        field.validators.append(validate_sane_date)
    elif isinstance(field, serializers.FloatField) and validate_finite not in field.validators:
        field.validators.append(validate_finite)


class _BoundedFields:
    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            _bound_api_field(field)
        return fields


class Serializer(_BoundedFields, serializers.Serializer):
    pass


class ModelSerializer(_BoundedFields, serializers.ModelSerializer):
    pass
