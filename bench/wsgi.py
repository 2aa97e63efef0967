"""The portal's WSGI application plus a trivial view, for throughput runs only.

/bench/ping/ goes through the same middleware as every page but does no work of its own, so
"requests per second of a page / of /bench/ping/" on one server is what the page itself costs,
whatever the machine.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saphire.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402


def ping(request):
    return HttpResponse("pong", content_type="text/plain")


urlpatterns = [path("bench/ping/", ping), path("", include("saphire.urls"))]
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
