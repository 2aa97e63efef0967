"""Refuse NUL characters in the URL before any view sees them.

PostgreSQL cannot store or compare a string holding NUL (psycopg raises), so a `?q=%00` that reaches a
query would be a 500. Forms and serializers already refuse it in the fields they validate; this covers
the raw query parameters and path segments views read directly.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())


class NullCharacterGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            message = _("Null characters are not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
