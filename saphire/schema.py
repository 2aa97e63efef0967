"""The OpenAPI schema generator: honest about nullable fields and about every status code an operation answers.

Fields: DRF drops `allow_blank` from read-only fields and drf-spectacular then documents a blank-able choice
as a strict enum, a blank URL as `format: uri` and a nullable relation as never null; clients that validate
against the schema (and schemathesis) then reject real answers. The model knows better, also across a
dotted `source` that passes through a nullable relation.

Status codes: drf-spectacular lists only the success code. `AutoSchema` adds the error codes that follow
from how the view is built (request body, query parameters, path parameters, authentication, permission
classes, throttles); a handler declares the ones hidden in its body with `@may_answer(...)`.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions
from rest_framework.authentication import SessionAuthentication

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "`detail` says what went wrong.",
}
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": True,
    "description": "Messages per field (`non_field_errors` for the whole input), or `detail` for a malformed body.",
}
CONFLICT = {
    "type": "object",
    "additionalProperties": True,
    "description": "`detail` or the stale field's message; some answers carry the `current` state.",
}
ERROR_RESPONSES = {
    400: ("ValidationErrors", FIELD_ERRORS, "The input is not valid; the messages say what to fix."),
    401: ("Error", ERROR, "Credentials missing, wrong or expired; `WWW-Authenticate` says which scheme to use."),
    403: ("Error", ERROR, "Not allowed for this user (or a session request without its CSRF token)."),
    404: ("Error", ERROR, "No such object, or one this user may not see."),
    409: ("Conflict", CONFLICT, "Changed since the version you read, or in a state that refuses this change."),
    429: ("Error", ERROR, "Too many requests; `Retry-After` says when to try again."),
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def may_answer(*codes: int):
    """Declares error codes a handler answers from its body (a check of its own, a lookup, a state rule)."""

    def mark(handler):
        handler.error_codes = frozenset(getattr(handler, "error_codes", frozenset()) | set(codes))
        return handler

    return mark


def _model_field(field):
    """The model field behind a read-only serializer field, and whether a nullable relation leads to it."""
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or source == "*":
        return None, False
    *relations, name = source.split(".")
    through_null = False
    try:
        for relation in relations:
            related = model._meta.get_field(relation)
            if not related.is_relation or related.related_model is None:
                return None, False
            through_null = through_null or bool(getattr(related, "null", False))
            model = related.related_model
        return model._meta.get_field(name), through_null
    except FieldDoesNotExist:
        return None, False


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        model_field, through_null = _model_field(field) if field.read_only else (None, False)
        blank = bool(model_field is not None and getattr(model_field, "blank", False))
        if blank and hasattr(field, "allow_blank"):
            field.allow_blank = True
        if through_null or (model_field is not None and getattr(model_field, "null", False)):
            field.allow_null = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in sorted(self.error_codes(operation)):
            name, schema, description = ERROR_RESPONSES[code]
            component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
            registry.register_on_missing(component)
            responses.setdefault(
                str(code), {"content": {"application/json": {"schema": component.ref}}, "description": description}
            )
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def error_codes(self, operation: dict) -> set[int]:
        codes = set(getattr(self._handler(), "error_codes", ()))
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        if "requestBody" in operation or has_query:
            codes.add(400)
        if "{" in self.path or (self.method == "GET" and self._is_list_view() and self._get_paginator()):
            codes.add(404)
        codes |= self._access_codes()
        if self.view.get_throttles():
            codes.add(429)
        return codes

    def _access_codes(self) -> set[int]:
        """A wrong or expired token is a 401 on any operation (saphire.api_errors answers every failed
        authentication so); a missing sign-in is 401 only when the first authenticator names a
        `WWW-Authenticate` scheme, else 403, as DRF decides."""
        authenticators = self.view.get_authenticators()
        missing = 401 if self.view.get_authenticate_header(self.view.request) else 403
        codes = set()
        if any(not isinstance(a, SessionAuthentication) for a in authenticators):
            codes.add(401)
        if self.method in UNSAFE_METHODS and any(isinstance(a, SessionAuthentication) for a in authenticators):
            codes.add(403)  # a signed-in session without its CSRF token
        for permission in self.view.get_permissions():
            if isinstance(permission, permissions.AllowAny):
                continue
            if isinstance(permission, permissions.IsAuthenticatedOrReadOnly):
                if self.method not in permissions.SAFE_METHODS:
                    codes.add(missing)
            elif isinstance(permission, permissions.IsAuthenticated):
                codes.add(missing)
            else:
                codes |= {missing, 403}
        return codes

    def _handler(self):
        action = getattr(self.view, "action", None)
        return getattr(self.view, action or self.method.lower(), None)
