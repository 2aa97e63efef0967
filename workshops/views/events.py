"""The calendar and one event: create, edit, status changes, agenda, seat quotas."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from saphire import bounds
from saphire.page_cache import EVENTS, REGIONS, SCORES, public_page
from workshops import permissions, selectors, services
from workshops.filters import EventFilter
from workshops.forms import (
    AgendaItemForm,
    CancelEventForm,
    EventForm,
    QuotaForm,
    RegistrationForm,
)
from workshops.models import AgendaItem, Event
from workshops.timezones import valid_zone_or_none
from workshops.views._common import TOPIC_KINDS, _event_or_404, _form_errors_from, _posted, viewer_tz

# Calendar ---------------------------------------------------------------------------------------


# Cached a minute at most: "upcoming" and a registration's deadline move with the clock.
@require_safe
@public_page(
    depends_on=(EVENTS, REGIONS),
    vary_on=("view", "month", "kind", "status", "when", "page"),
    # A region is typed as a code or a name: a long tail, rendered rather than cached.
    uncached_on=("region", "starts_after", "starts_before"),
    variant=viewer_tz,
    seconds=60,
)
def event_calendar(request):
    tz_name = viewer_tz(request)
    view = request.GET.get("view", "list")
    filters = request.GET.copy()
    filterset = EventFilter(filters, queryset=selectors.event_list(user=request.user, with_counts=view != "month"))
    # A filter that does not parse shows its message over an empty list, not everything.
    refused = not filterset.is_valid()
    context = {
        "filter": filterset,
        "filter_errors": [message for errors in filterset.errors.values() for message in errors],
        "view": view,
        "tz_name": tz_name,
        "kinds": Event.Kind.choices,
        # Translated once here rather than once per card.
        "seats_taken": _("seats taken"),
        "online_label": _("online"),
    }
    if view == "month":
        try:
            month = date.fromisoformat(request.GET.get("month", "") + "-01")
            bounds.validate_sane_date(month)
        except (ValueError, ValidationError):
            month = timezone.now().astimezone(valid_zone_or_none(tz_name)).date().replace(day=1)
        start, end = selectors.month_bounds(month=month, tz_name=tz_name)
        events = (
            []
            if refused
            else list(filterset.qs.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "pk"))
        )
        context["grid"] = selectors.month_grid(events=events, month=month, tz_name=tz_name)
    else:
        if not request.GET.get("when") and not request.GET.get("status"):
            filters.setdefault("when", "upcoming")
            filterset = EventFilter(filters, queryset=selectors.event_list(user=request.user))
            context["filter"] = filterset
        events = filterset.queryset.none() if refused else filterset.qs
        context["page"] = Paginator(events, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "workshops/event_calendar.html", context, status=400 if refused else 200)


# One event --------------------------------------------------------------------------------------


@require_safe
@public_page(depends_on=(EVENTS, REGIONS, SCORES), variant=viewer_tz, seconds=60)
def event_detail(request, pk: int):
    event = _event_or_404(request, pk)
    user = request.user
    registration = selectors.registration_for(event=event, user=user)
    can_manage = permissions.can_manage_event(user, event)
    context = {
        "event": event,
        "tz_name": viewer_tz(request),
        "registration": registration,
        "waitlist_message": _waitlist_message(event, registration),
        "can_cancel": bool(registration) and permissions.can_cancel_registration(user, registration),
        "registration_error": services.registration_open_error(event, timezone.now()),
        "register_form": RegistrationForm(can_choose_role=can_manage),
        "can_manage": can_manage,
        "can_see_online_link": permissions.can_see_online_link(user, event),
        "can_register": permissions.can_register(user, event),
        "can_give_feedback": permissions.can_give_feedback(user, event),
        "rounds": selectors.event_rounds(event=event),
        "findings": selectors.event_findings(event=event),
    }
    if can_manage:
        context["cancel_form"] = CancelEventForm()
        # Its own ids: the registration form on the same page has a stakeholder kind field too.
        context["quota_form"] = QuotaForm(auto_id="id_quota_%s")
        if event.kind in TOPIC_KINDS:
            context["topics"] = selectors.agenda_topics(event=event)
        context["agenda_form"] = AgendaItemForm(
            event=event, findings=context.get("topics").findings if context.get("topics") else []
        )
    return render(request, "workshops/event_detail.html", context)


def _waitlist_message(event: Event, registration) -> str:
    if registration is None or registration.status != registration.Status.WAITLISTED:
        return ""
    position = selectors.waitlist_position(registration=registration)
    return services.waitlist_message(event, registration, position)


@login_required
def event_create(request):
    if not permissions.can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(_posted(request), initial={"coordinators": [request.user]})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                created_by=request.user,
                host_regions=form.cleaned_data["host_regions"],
                coordinators=list(form.cleaned_data["coordinators"]),
                override_conflicts=form.cleaned_data["override_conflicts"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Event saved as planned. Confirm it to open registration."))
            return redirect("workshops:event-detail", pk=event.pk)
    return render(request, "workshops/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = EventForm(_posted(request), initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                by=request.user,
                host_regions=form.cleaned_data["host_regions"],
                coordinators=list(form.cleaned_data["coordinators"]),
                override_conflicts=form.cleaned_data["override_conflicts"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Event updated."))
            return redirect("workshops:event-detail", pk=event.pk)
    return render(request, "workshops/event_form.html", {"form": form, "event": event})


def _status_change(request, pk: int, action):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    try:
        action(event)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("workshops:event-detail", pk=event.pk)


@login_required
@require_POST
def event_confirm(request, pk: int):
    def confirm(event):
        services.event_confirm(event=event, by=request.user)
        messages.success(request, _("Event confirmed: it is public and open for registration."))

    return _status_change(request, pk, confirm)


@login_required
@require_POST
def event_mark_held(request, pk: int):
    def held(event):
        services.event_mark_held(event=event, by=request.user)
        messages.success(request, _("Event marked as held: participants can now give feedback."))

    return _status_change(request, pk, held)


@login_required
@require_POST
def event_cancel(request, pk: int):
    def cancel(event):
        services.event_cancel(event=event, reason=request.POST.get("reason", ""), by=request.user)
        messages.success(request, _("Event cancelled; every registrant is being emailed."))

    return _status_change(request, pk, cancel)


@login_required
@require_POST
def agenda_item_add(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    topics = selectors.agenda_topics(event=event).findings if event.kind in TOPIC_KINDS else []
    form = AgendaItemForm(request.POST, event=event, findings=topics)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_add(
                event=event,
                starts_at=data["starts_at"],
                ends_at=data.get("ends_at"),
                title=data["title"],
                speakers=data["speakers"],
                theme=data.get("theme") or (data["finding"].theme if data.get("finding") else None),
                finding=data.get("finding"),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
    if form.errors:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    else:
        messages.success(request, _("Agenda item added."))
    return redirect(reverse("workshops:event-detail", kwargs={"pk": pk}) + "#agenda")


@login_required
@require_POST
def agenda_item_delete(request, pk: int, item_pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    services.agenda_item_delete(item=get_object_or_404(AgendaItem, event=event, pk=item_pk))
    return redirect(reverse("workshops:event-detail", kwargs={"pk": pk}) + "#agenda")


@login_required
@require_POST
def quota_set(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = QuotaForm(request.POST)
    if form.is_valid():
        try:
            services.quota_set(event=event, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a stakeholder kind and a number of seats."))
    return redirect(reverse("workshops:event-detail", kwargs={"pk": pk}) + "#registration")
