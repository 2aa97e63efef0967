"""Helpers shared by the page modules: the viewer's time zone, the event lookup, form errors."""

from django.conf import settings
from django.http import Http404

from saphire.forms import add_service_errors as _form_errors_from  # noqa: F401 (used by the page modules)
from saphire.timezones import browser_timezone
from workshops import selectors
from workshops.models import Event
from workshops.timezones import valid_zone_or_none

VIEWER_TZ_COOKIE = "tz"
# Site visits and workshops are planned around what the mapping found; webinars are not.
TOPIC_KINDS = (Event.Kind.SITE_VISIT, Event.Kind.WORKSHOP)


def viewer_tz(request) -> str:
    """The signed-in user's zone, else the browser's (set in a cookie by workshops.js), else the site's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and valid_zone_or_none(user.timezone):
        return user.timezone
    return browser_timezone(request.COOKIES) or settings.TIME_ZONE


def _posted(request):
    """The POST data for a bound form (even when empty), None on GET."""
    return request.POST if request.method == "POST" else None


def _event_or_404(request, pk: int) -> Event:
    event = selectors.event_detail(user=request.user, pk=pk)
    if event is None:
        raise Http404
    return event
