"""Venue-time conversions: events are stored in UTC and typed in the venue's wall-clock time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from saphire.timezones import canonical_timezones


def timezone_names() -> tuple[str, ...]:
    return canonical_timezones()


def zone(name: str) -> ZoneInfo:
    if not name or name not in timezone_names() and name != "UTC":
        raise ValidationError(_("Unknown time zone “%(name)s”: choose one like Europe/Brussels.") % {"name": name})
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        raise ValidationError(_("Unknown time zone “%(name)s”: choose one like Europe/Brussels.") % {"name": name})


def valid_zone_or_none(name: str | None) -> ZoneInfo | None:
    try:
        return zone(name or "")
    except ValidationError:
        return None


def local_to_utc(wall: datetime, tz_name: str) -> datetime:
    """The UTC instant of a wall-clock time in `tz_name`.

    A time skipped by a daylight-saving change (02:30 on the spring-forward night) does not exist
    there and is refused; a repeated one (the autumn night) is taken at its first occurrence.
    """
    tz = zone(tz_name)
    if wall.tzinfo is not None:
        wall = wall.replace(tzinfo=None)
    aware = wall.replace(tzinfo=tz, fold=0)
    as_utc = aware.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != wall:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s (the clocks go forward then): choose another time.")
            % {"time": wall.strftime("%Y-%m-%d %H:%M"), "zone": tz_name}
        )
    return as_utc


def utc_to_local(moment: datetime, tz_name: str) -> datetime:
    """`moment` (aware) as a naive wall-clock time in `tz_name`, for form fields."""
    return moment.astimezone(zone(tz_name)).replace(tzinfo=None)
