"""Shared by the library and pilot forms: a service's ValidationError shown on the form."""

from django.core.exceptions import ValidationError


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
