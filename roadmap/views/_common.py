"""Shared by the library and pilot forms: a service's ValidationError shown on the form."""

from saphire.forms import add_service_errors as _attach

__all__ = ["_attach"]
