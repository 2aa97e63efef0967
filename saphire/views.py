from django.http import JsonResponse
from django.shortcuts import render
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
