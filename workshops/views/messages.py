"""Messages to an event's participants: write one, see the log of those sent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from workshops import permissions, selectors, services
from workshops.forms import EventMessageForm
from workshops.views._common import _event_or_404, _form_errors_from, _posted


@login_required
def event_messages(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = EventMessageForm(_posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message = services.message_send(event=event, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors_from(form, exc)
            else:
                messages.success(
                    request, _("Message queued: it is being sent to %(n)d people.") % {"n": _count(event, message)}
                )
                return redirect("workshops:event-messages", pk=pk)
        status = 400
    context = {"event": event, "form": form, "log": selectors.event_message_log(event=event)}
    return render(request, "workshops/event_messages.html", context, status=status)


def _count(event, message) -> int:
    return services.message_recipients(event=event, audience=message.audience).count()
