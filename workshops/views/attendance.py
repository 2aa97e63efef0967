"""At the door: the check-in list (made for a phone), the printable sign-in sheet and name badges."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from workshops import permissions, selectors, services
from workshops.models import Registration
from workshops.views._common import _event_or_404


def _managed_event(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    return event


@require_safe
@login_required
def check_in(request, pk: int):
    event = _managed_event(request, pk)
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "event": event,
        "query": query,
        "registrations": selectors.check_in_list(event=event, query=query),
        "attendance": selectors.attendance(event=event),
    }
    return render(request, "workshops/check_in.html", context)


@login_required
@require_POST
def check_in_toggle(request, pk: int, registration_pk: int):
    event = _managed_event(request, pk)
    registration = get_object_or_404(Registration, event=event, pk=registration_pk)
    try:
        services.registration_check_in(
            registration=registration, by=request.user, arrived=request.POST.get("arrived") != "0"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    query = request.POST.get("q", "").strip()[:100]
    url = reverse("workshops:check-in", kwargs={"pk": pk})
    if query:
        url += "?" + urlencode({"q": query})
    return redirect(f"{url}#r{registration.pk}")


@require_safe
@login_required
def sign_in_sheet(request, pk: int):
    event = _managed_event(request, pk)
    return render(
        request,
        "workshops/sign_in_sheet.html",
        {"event": event, "registrations": selectors.check_in_list(event=event)},
    )


@require_safe
@login_required
def badges_pdf(request, pk: int):
    from weasyprint import HTML

    event = _managed_event(request, pk)
    html = render_to_string(
        "workshops/badges.html", {"event": event, "registrations": selectors.check_in_list(event=event)}
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-badges.pdf"'
    return response
