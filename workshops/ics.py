"""iCalendar (RFC 5545) for one event and for a person's feed."""

from collections.abc import Callable, Iterable
from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from workshops.models import Event

ICS_STATUS = {
    Event.Status.PLANNED: "TENTATIVE",
    Event.Status.CONFIRMED: "CONFIRMED",
    Event.Status.HELD: "CONFIRMED",
    Event.Status.CANCELLED: "CANCELLED",
}


def calendar_bytes(
    events: Iterable[Event], *, name: str, online_link_visible: Callable[[Event], bool] = lambda event: False
) -> bytes:
    """A calendar of `events`; an event's meeting link goes in only where `online_link_visible(event)`.

    .ics files are forwarded and subscribed to by anyone, so the default leaves every link out.
    """
    cal = Calendar()
    cal.add("prodid", "-//SAPHIRe Regions//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        cal.add_component(_vevent(event, stamp, online_link_visible(event)))
    return cal.to_ical()


def _vevent(event: Event, stamp, with_online_link: bool) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"{event.uid}@saphire-regions.eu")
    vevent.add("dtstamp", stamp)
    # UTC instants: every client places them right, whatever its zone database.
    vevent.add("dtstart", event.starts_at.astimezone(UTC))
    vevent.add("dtend", event.ends_at.astimezone(UTC))
    vevent.add("summary", event.title)
    vevent.add("sequence", event.sequence)
    vevent.add("status", ICS_STATUS[event.status])
    vevent.add("last-modified", event.updated_at)
    url = f"{settings.SITE_URL}/events/{event.pk}/"
    vevent.add("url", url)
    online = event.online_url if with_online_link else ("Online" if event.online_url else "")
    location = event.venue or online
    if location:
        vevent.add("location", location)
    description = event.description
    if event.status == Event.Status.CANCELLED and event.cancel_reason:
        description = f"Cancelled: {event.cancel_reason}\n\n{description}"
    vevent.add("description", f"{description}\n\n{url}".strip())
    regions = ", ".join(region.code for region in event.host_regions.all())
    if regions:
        vevent.add("categories", [event.get_kind_display(), regions])
    return vevent
