from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus Django ValidationErrors from services turned into 400s with field messages."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    if isinstance(exc, exceptions.AuthenticationFailed):
        # Credentials were sent and are wrong (a bad or expired token): 401 with a challenge, as RFC 9110
        # asks, even though DRF answers 403 when the first authenticator (the session) has no challenge.
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        exc.auth_header = getattr(exc, "auth_header", None) or "Token"
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_400_BAD_REQUEST and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    return Response(response.data, status=response.status_code, headers=response.headers)


def service_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError as DRF's, per field, or under non_field_errors when it names none."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})
