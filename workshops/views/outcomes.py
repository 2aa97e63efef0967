"""Outcomes of an event: attachments, feedback, minutes and findings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mapping.models import Finding
from saphire.files import protected_file_response
from workshops import permissions, selectors, services
from workshops.forms import (
    AttachmentForm,
    FeedbackForm,
    FindingForm,
    MinutesForm,
)
from workshops.views._common import TOPIC_KINDS, _event_or_404, _form_errors_from, _posted

# Outcomes ---------------------------------------------------------------------------------------------


@require_safe
def attachment_download(request, pk: int, attachment_pk: int):
    """An attachment goes to whoever may see its event, never as static media."""
    event = _event_or_404(request, pk)
    attachment = get_object_or_404(event.attachments.all(), pk=attachment_pk)
    # A download, never rendered in the portal's origin, whatever the uploaded bytes are.
    return protected_file_response(attachment.file.name, filename=attachment.download_name, as_attachment=True)


@login_required
def feedback(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_give_feedback(request.user, event):
        raise PermissionDenied
    form = FeedbackForm(_posted(request), questions=selectors.feedback_questions(kind=event.kind))
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(event=event, user=request.user, **form.service_fields())
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("workshops:event-detail", pk=pk)
    return render(request, "workshops/event_feedback.html", {"event": event, "form": form})


@login_required
def outcomes(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    minutes_form = MinutesForm(initial={"minutes": event.minutes})
    attachment_form = AttachmentForm()
    finding_form = FindingForm(event=event)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "minutes":
            minutes_form = MinutesForm(request.POST)
            if minutes_form.is_valid():
                services.minutes_update(event=event, minutes=minutes_form.cleaned_data["minutes"], by=request.user)
                messages.success(request, _("Minutes saved."))
                return redirect("workshops:event-outcomes", pk=pk)
        elif action == "attachment":
            attachment_form = AttachmentForm(request.POST, request.FILES)
            if attachment_form.is_valid():
                services.attachment_add(event=event, by=request.user, **attachment_form.cleaned_data)
                messages.success(request, _("Attachment added."))
                return redirect("workshops:event-outcomes", pk=pk)
        elif action == "finding":
            finding_form = FindingForm(request.POST, event=event)
            if finding_form.is_valid():
                try:
                    services.event_finding_record(event=event, by=request.user, **finding_form.cleaned_data)
                except ValidationError as exc:
                    _form_errors_from(finding_form, exc)
                else:
                    messages.success(request, _("Finding recorded in the region's mapping."))
                    return redirect("workshops:event-outcomes", pk=pk)
        elif action == "settle":
            return _settle(request, event)
    feedback_rows = list(event.feedback.all())
    context = {
        "event": event,
        "minutes_form": minutes_form,
        "attachment_form": attachment_form,
        "finding_form": finding_form,
        "findings": selectors.event_findings(event=event),
        "feedback": feedback_rows,
        "average_rating": (sum(f.rating for f in feedback_rows) / len(feedback_rows)) if feedback_rows else None,
        "attendance": selectors.attendance(event=event),
        "feedback_summary": selectors.feedback_summary(event=event),
        "attended": selectors.check_in_list(event=event).filter(checked_in_at__isnull=False),
        "to_settle": selectors.findings_to_settle(event=event) if event.kind in TOPIC_KINDS else [],
    }
    return render(request, "workshops/event_outcomes.html", context, status=400 if request.method == "POST" else 200)


def _settle(request, event):
    finding = get_object_or_404(Finding, pk=request.POST.get("finding") or 0)
    try:
        services.event_finding_settle(
            event=event, finding=finding, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is now %(status)s.")
            % {"title": finding.title, "status": finding.get_status_display().lower()},
        )
    return redirect("workshops:event-outcomes", pk=event.pk)
