"""At the door: the check-in list (made for a phone), the printable sign-in sheet and name badges."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from workshops import permissions, selectors, services
from workshops.models import Registration
from workshops.views._common import _event_or_404

# A phone at the door shows one page of names at a time; a search finds anyone at once.
CHECK_IN_PAGE_SIZE = 50


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
    page = Paginator(selectors.check_in_list(event=event, query=query), CHECK_IN_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "event": event,
        "query": query,
        "page": page,
        "page_query": urlencode({"q": query}) if query else "",
        "registrations": page.object_list,
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
    back = {name: request.POST.get(name, "").strip()[:100] for name in ("q", "page")}
    url = reverse("workshops:check-in", kwargs={"pk": pk})
    if any(back.values()):
        url += "?" + urlencode({name: value for name, value in back.items() if value})
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
