"""iCalendar (RFC 5545, with the iTIP methods of RFC 5546) for one event and for a person's feed."""

from collections.abc import Callable, Iterable
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, vCalAddress
from icalendar import Event as VEvent

from workshops import timezones
from workshops.models import Event

ICS_STATUS = {
    Event.Status.PLANNED: "TENTATIVE",
    Event.Status.CONFIRMED: "CONFIRMED",
    Event.Status.HELD: "CONFIRMED",
    Event.Status.CANCELLED: "CANCELLED",
}
ALARM_BEFORE = timedelta(days=1)


def event_method(event: Event) -> str:
    """A cancelled event goes out as CANCEL, so calendars remove it instead of keeping a stale copy."""
    return "CANCEL" if event.status == Event.Status.CANCELLED else "PUBLISH"


def calendar_bytes(
    events: Iterable[Event],
    *,
    name: str,
    online_link_visible: Callable[[Event], bool] = lambda event: False,
    method: str = "PUBLISH",
    attendee: str = "",
) -> bytes:
    """A calendar of `events`; an event's meeting link goes in only where `online_link_visible(event)`.

    .ics files are forwarded and subscribed to by anyone, so the default leaves every link out. Times
    are written in each event's own zone, with that zone's VTIMEZONE, so calendars show where it happens.
    """
    cal = Calendar()
    cal.add("prodid", "-//SAPHIRe Regions//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        cal.add_component(_vevent(event, stamp, online_link_visible(event), method=method, attendee=attendee))
    cal.add_missing_timezones()
    return cal.to_ical()


def _organizer() -> vCalAddress:
    display, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if display:
        organizer.params["cn"] = display
    return organizer


def _vevent(event: Event, stamp, with_online_link: bool, *, method: str, attendee: str) -> VEvent:
    zone = timezones.zone(event.timezone)
    vevent = VEvent()
    vevent.add("uid", f"{event.uid}@saphire-regions.eu")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at.astimezone(zone))
    vevent.add("dtend", event.ends_at.astimezone(zone))
    vevent.add("summary", event.title)
    vevent.add("sequence", event.sequence)
    vevent.add("status", ICS_STATUS[event.status])
    vevent.add("last-modified", event.updated_at)
    # iTIP messages (REQUEST, CANCEL) are matched to the calendar entry by UID and organizer.
    vevent.add("organizer", _organizer())
    if attendee:
        vevent.add("attendee", vCalAddress(f"mailto:{attendee}"), parameters={"role": "REQ-PARTICIPANT"})
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
    if method != "CANCEL" and event.status != Event.Status.CANCELLED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", -ALARM_BEFORE)
        vevent.add_component(alarm)
    return vevent
