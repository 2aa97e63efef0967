from datetime import datetime

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from workshops.timezones import valid_zone_or_none

register = template.Library()

MARKDOWN_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


class ZonedDateTime(datetime):
    # Django's date filter would otherwise convert it back to the site's zone.
    convert_to_local_time = False


@register.filter
def in_zone(value, tz_name: str):
    """`value` (aware) shown in `tz_name`; unknown zones leave it as it is."""
    tz = valid_zone_or_none(tz_name)
    if value is None or tz is None:
        return value
    local = value.astimezone(tz)
    return ZonedDateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        local.tzinfo,
        fold=local.fold,
    )


@register.filter
def markdown(text: str) -> str:
    """Markdown to HTML, keeping only harmless tags (minutes are typed by people)."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(html, tags=MARKDOWN_TAGS, link_rel="noopener noreferrer nofollow"))  # noqa: S308 (nh3 sanitised)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
