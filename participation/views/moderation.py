"""Coordinators' moderation: hide a comment with a reason, reports of abuse, blocking a commenter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from participation import forms, permissions, selectors, services
from participation.models import AbuseReport, CommentBlock
from saphire.forms import add_service_errors


def _moderator(request: HttpRequest) -> None:
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    return render(
        request,
        "participation/moderation.html",
        {
            "reports": selectors.pending_reports(),
            "blocks": CommentBlock.objects.select_related("user", "blocked_by"),
        },
    )


@login_required
def comment_hide(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    _moderator(request)
    consultation = selectors.consultation_get(pk=pk)
    comment = selectors.comment_get(consultation=consultation, pk=comment_pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if comment.is_hidden and request.POST.get("unhide"):
            services.comment_unhide(comment=comment, by=request.user)
        else:
            services.comment_hide(comment=comment, reason=form.cleaned_data["reason"], by=request.user)
        return redirect(f"{consultation.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "participation/reason_form.html", {"form": form, "comment": comment, "action": "hide"})


@login_required
def comment_report(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    comment = selectors.comment_get(consultation=consultation, pk=comment_pk)
    if not permissions.can_report(request.user, comment):
        raise PermissionDenied
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.abuse_report_create(comment=comment, reporter=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: a coordinator will look at it."))
            return redirect(f"{consultation.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "participation/reason_form.html", {"form": form, "comment": comment, "action": "report"})


@login_required
@require_POST
def report_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    report = get_object_or_404(AbuseReport, pk=pk, outcome=AbuseReport.Outcome.PENDING)
    services.abuse_report_dismiss(report=report, by=request.user)
    return redirect("participation:moderation")


@login_required
@require_POST
def user_block(request: HttpRequest, user_pk: int) -> HttpResponse:
    _moderator(request)
    user = get_object_or_404(User, pk=user_pk)
    if request.POST.get("unblock"):
        services.user_unblock(user=user)
        messages.success(request, _("%(name)s may comment again.") % {"name": user.get_username()})
        return redirect("participation:moderation")
    try:
        services.user_block(user=user, reason=request.POST.get("reason", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s can no longer comment.") % {"name": user.get_username()})
    return redirect("participation:moderation")
