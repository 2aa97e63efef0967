from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from saphire import roles
from saphire.dashboard import Panel, PanelItem
from workshops.models import Event, Registration


def _day(moment) -> str:
    # The reader's language and date format (14 Dec 2026, 14. Dezember 2026, 14 décembre 2026).
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def panels(user: User) -> list[Panel]:
    """Coordinators: planned events to confirm. Everyone: their next registered events."""
    now = timezone.now()
    result = []
    if roles.is_coordinator(user):
        planned = Event.objects.filter(status=Event.Status.PLANNED, starts_at__gte=now).order_by("starts_at")[:5]
        result.append(
            Panel(
                title=_("Events waiting for confirmation"),
                items=[
                    PanelItem(
                        label=e.title,
                        url=reverse("workshops:event-detail", args=[e.pk]),
                        detail=_day(e.starts_at),
                    )
                    for e in planned
                ],
                empty_text=_("No planned events waiting."),
                action_label=_("Schedule an event"),
                action_url=reverse("workshops:event-create"),
            )
        )
    mine = (
        Registration.objects.filter(user=user, event__ends_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:5]
    )
    result.append(
        Panel(
            title=_("My upcoming events"),
            items=[
                PanelItem(
                    label=r.event.title,
                    url=reverse("workshops:event-detail", args=[r.event_id]),
                    detail=f"{_day(r.event.starts_at)} · {r.get_status_display()}",
                )
                for r in mine
            ],
            empty_text=_("You are not registered for any upcoming event."),
            action_label=_("See the calendar"),
            action_url=reverse("workshops:event-calendar"),
        )
    )
    return result
