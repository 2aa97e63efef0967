"""Registration pages: register, unregister, participants, my events, the feed link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from saphire import spreadsheets
from workshops import permissions, selectors, services
from workshops.forms import (
    RegistrationForm,
)
from workshops.models import Registration, StakeholderKind
from workshops.views._common import _event_or_404, viewer_tz

# Registration ---------------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_register(request.user, event):
        raise PermissionDenied
    form = RegistrationForm(request.POST, can_choose_role=permissions.can_manage_event(request.user, event))
    if not form.is_valid():
        messages.error(request, _("Choose which kind of stakeholder you represent."))
        return redirect("workshops:event-detail", pk=pk)
    try:
        registration = services.registration_create(event=event, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered. A confirmation email is on its way."))
        else:
            position = selectors.waitlist_position(registration=registration)
            messages.warning(request, services.waitlist_message(event, registration, position))
    return redirect("workshops:event-detail", pk=pk)


@login_required
def unregister(request, pk: int):
    """GET asks for confirmation; POST cancels. Only while the event is still to come."""
    event = _event_or_404(request, pk)
    registration = get_object_or_404(
        Registration.objects.exclude(status=Registration.Status.CANCELLED), event=event, user=request.user
    )
    if not permissions.can_cancel_registration(request.user, registration):
        raise PermissionDenied
    if request.method != "POST":
        return render(
            request, "workshops/registration_cancel.html", {"event": event, "registration": registration, "own": True}
        )
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("workshops:event-detail", pk=pk)


@login_required
def registration_cancel(request, pk: int, registration_pk: int):
    event = _event_or_404(request, pk)
    registration = get_object_or_404(Registration.objects.select_related("user"), event=event, pk=registration_pk)
    if not permissions.can_cancel_registration(request.user, registration):
        raise PermissionDenied
    if request.method != "POST":
        return render(
            request, "workshops/registration_cancel.html", {"event": event, "registration": registration, "own": False}
        )
    services.registration_cancel(registration=registration)
    messages.success(request, _("Registration of %(name)s cancelled.") % {"name": registration.user.get_username()})
    return redirect("workshops:event-participants", pk=pk)


@login_required
@require_POST
def registration_promote(request, pk: int, registration_pk: int):
    event = _event_or_404(request, pk)
    registration = get_object_or_404(Registration.objects.select_related("user"), event=event, pk=registration_pk)
    if not permissions.can_promote_registration(request.user, registration):
        raise PermissionDenied
    try:
        services.registration_promote(registration=registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s has a seat now.") % {"name": registration.user.get_username()})
    return redirect("workshops:event-participants", pk=pk)


@login_required
@require_POST
def offer_accept(request, pk: int):
    event = _event_or_404(request, pk)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    try:
        services.offer_accept(registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The seat is yours. A confirmation email is on its way."))
    return redirect("workshops:event-detail", pk=pk)


@require_safe
@login_required
def event_participants(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_view_participants(request.user, event):
        raise PermissionDenied
    registrations = list(selectors.event_participants(event=event))
    return render(
        request,
        "workshops/event_participants.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "offered": [r for r in registrations if r.status == Registration.Status.OFFERED],
            "waitlisted": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        },
    )


@require_safe
@login_required
def event_participants_csv(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_view_participants(request.user, event):
        raise PermissionDenied
    response = HttpResponse(content_type=spreadsheets.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-participants.csv"'
    writer = spreadsheets.CsvWriter(response)
    writer.writerow(
        ["username", "name", "email", "organisation", "stakeholder_kind", "role", "status", "registered_at"]
    )
    kinds = dict(StakeholderKind.choices)
    for r in selectors.event_participants(event=event):
        writer.writerow(
            [
                r.user.get_username(),
                r.user.get_full_name(),
                r.user.email,
                r.organisation,
                kinds.get(r.stakeholder_kind, r.stakeholder_kind),
                r.get_role_display(),
                r.get_status_display(),
                r.registered_at.isoformat(),
            ]
        )
    return response


@require_safe
@login_required
def my_events(request):
    return render(
        request,
        "workshops/my_events.html",
        {
            "registrations": selectors.registration_list(user=request.user),
            "feed_url": request.build_absolute_uri(
                reverse("workshops:feed", kwargs={"token": request.user.feed_token})
            ),
            "tz_name": viewer_tz(request),
        },
    )


@login_required
@require_POST
def feed_reset(request):
    services.feed_token_reset(user=request.user)
    messages.success(request, _("Your calendar link is new; the old one no longer works."))
    return redirect("workshops:my-events")
