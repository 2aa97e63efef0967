"""Calendars out: one event and a personal feed as iCalendar."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.models import User
from workshops import ics, permissions, selectors
from workshops.views._common import _event_or_404

# Calendars out ------------------------------------------------------------------------------------


@require_safe
def event_ics(request, pk: int):
    event = _event_or_404(request, pk)
    body = ics.calendar_bytes(
        [event],
        name=event.title,
        online_link_visible=lambda e: permissions.can_see_online_link(request.user, e),
        method=ics.event_method(event),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@require_safe
def feed(request, token: str):
    user = User.objects.filter(feed_token=token, is_active=True).first()
    if user is None:
        raise Http404
    body = ics.calendar_bytes(
        selectors.feed_events(user=user),
        name=_("SAPHIRe Regions events"),
        online_link_visible=lambda event: event.online_link_visible,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
