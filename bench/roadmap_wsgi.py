"""The portal's WSGI application plus one trivial view, served side by side by the roadmap benchmark.

The trivial view goes through the same middleware as every page, so the ratio of requests per second
measures what the roadmap pages themselves cost.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saphire.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), path("", include("saphire.urls"))]
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
