"""The OpenAPI schema generator: read-only fields keep what their model field allows.

DRF drops `allow_blank` from read-only fields and drf-spectacular then documents a blank-able choice as
a strict enum, a blank URL as `format: uri` and a nullable relation as never null; clients that
validate against the schema (and schemathesis) then reject real answers. The model knows better.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi


def _model_field(field):
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or source == "*" or "." in source:
        return None
    try:
        return model._meta.get_field(source)
    except FieldDoesNotExist:
        return None


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        model_field = _model_field(field) if field.read_only else None
        blank = bool(model_field is not None and getattr(model_field, "blank", False))
        if blank and hasattr(field, "allow_blank"):
            field.allow_blank = True
        if model_field is not None and getattr(model_field, "null", False):
            field.allow_null = True
        return super()._map_serializer_field(field, direction, bypass_extensions)
