"""The feedback questions coordinators ask per event kind, and an event's feedback as a spreadsheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from saphire import spreadsheets
from workshops import permissions, selectors, services
from workshops.forms import FeedbackQuestionForm
from workshops.models import Event, FeedbackQuestion
from workshops.views._common import _event_or_404, _form_errors_from, _posted


@login_required
def feedback_questions(request):
    if not permissions.can_create_event(request.user):
        raise PermissionDenied
    form = FeedbackQuestionForm(_posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_question_add(**form.cleaned_data)
            except ValidationError as exc:
                _form_errors_from(form, exc)
            else:
                messages.success(request, _("Question added."))
                return redirect("workshops:feedback-questions")
        status = 400
    kinds = [(label, selectors.feedback_questions(kind=value)) for value, label in Event.Kind.choices]
    return render(request, "workshops/feedback_questions.html", {"form": form, "kinds": kinds}, status=status)


@login_required
@require_POST
def feedback_question_retire(request, question_pk: int):
    if not permissions.can_create_event(request.user):
        raise PermissionDenied
    services.feedback_question_retire(question=get_object_or_404(FeedbackQuestion, pk=question_pk, is_active=True))
    messages.success(request, _("The question is no longer asked."))
    return redirect("workshops:feedback-questions")


@require_safe
@login_required
def feedback_export(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    questions, feedback = selectors.feedback_export_rows(event=event)
    response = HttpResponse(content_type=spreadsheets.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-feedback.csv"'
    writer = spreadsheets.CsvWriter(response)
    writer.writerow(["submitted_at", "rating", "most_useful", "could_be_better", *[q.text for q in questions]])
    for row in feedback:
        given = {a.question_id: a.rating if a.rating is not None else a.text for a in row.answers.all()}
        writer.writerow(
            [row.created_at.isoformat(), row.rating, row.useful, row.improve, *[given.get(q.pk, "") for q in questions]]
        )
    return response
