import logging

from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from saphire.health import health_report
from saphire.page_cache import public_page


@public_page
def home(request):
    return render(request, "home.html")


@never_cache
def health(request):
    report = health_report()
    healthy = all(value == "ok" for value in report.values())
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": report}, status=200 if healthy else 503)


def page_not_found(request, exception):
    """API clients get the JSON error body the schema documents, even for a URL no route matches."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return _error_page(request, "400.html", HttpResponseBadRequest)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return _error_page(request, "500.html", HttpResponseServerError)


def _error_page(request, template_name, response_class):
    """The page with the portal's navigation and the visitor's account; plainer if that fails too.

    Django renders 400 and 500 pages without the request; the navigation and the signed-in state need
    it. When the error came from the database, reading the user fails again: then the page is rendered
    as for an anonymous visitor.
    """
    try:
        return response_class(loader.render_to_string(template_name, request=request))
    except Exception:
        logging.getLogger(__name__).exception("error page %s could not be rendered with the request", template_name)
        return response_class(loader.render_to_string(template_name))
