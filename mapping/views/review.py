"""The review conversation (replies, resolving), the audit timeline and the printable copy of a response."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mapping import permissions, presenters, selectors, timeline
from mapping.models import ReviewComment
from mapping.services import review as review_services
from saphire import spreadsheets


def _response(request, pk):
    return get_object_or_404(selectors.response_list(user=request.user), pk=pk)


def _thread(response, comment_pk) -> ReviewComment:
    try:
        return selectors.response_thread(response=response, pk=comment_pk)
    except ReviewComment.DoesNotExist:
        raise Http404("No such comment.") from None


def _back(request, response):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("mapping:response-fill", pk=response.pk)


@login_required
@require_POST
def comment_reply(request, pk, comment_pk):
    response = _response(request, pk)
    thread = _thread(response, comment_pk)
    if not permissions.can_reply_to_comments(request.user, response):
        raise PermissionDenied
    try:
        review_services.comment_reply(thread=thread, text=request.POST.get("text", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reply sent."))
    return _back(request, response)


@login_required
@require_POST
def comment_resolve(request, pk, comment_pk):
    response = _response(request, pk)
    thread = _thread(response, comment_pk)
    if not permissions.can_resolve_comments(request.user, response):
        raise PermissionDenied
    resolved = request.POST.get("resolved", "1") != "0"
    review_services.comment_set_resolved(thread=thread, resolved=resolved, by=request.user)
    messages.success(request, _("Comment resolved.") if resolved else _("Comment reopened."))
    return _back(request, response)


def _filters(request) -> dict:
    def number(name):
        raw = request.GET.get(name, "")
        return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None

    kind = request.GET.get("kind", "")
    return {
        "section": number("section"),
        "person": number("person"),
        "kind": kind if kind in dict(timeline.kind_choices()) else "",
    }


@login_required
@require_GET
def response_history(request, pk):
    response = _response(request, pk)
    filters = _filters(request)
    entries = timeline.response_timeline(response=response, **filters)
    return render(
        request,
        "mapping/response_history.html",
        {
            "response": response,
            "entries": entries,
            "filters": filters,
            "sections": timeline.timeline_sections(response=response),
            "people": timeline.timeline_people(response=response),
            "kinds": timeline.kind_choices(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def response_history_csv(request, pk):
    response = _response(request, pk)
    entries = timeline.response_timeline(response=response, **_filters(request))
    reply = StreamingHttpResponse(
        spreadsheets.csv_lines(timeline.timeline_rows(entries)), content_type=spreadsheets.CSV_CONTENT_TYPE
    )
    reply["Content-Disposition"] = f'attachment; filename="response-{response.pk}-history.csv"'
    return reply


def _print_context(request, response) -> dict:
    questions = selectors.version_questions(response.campaign.version_id)
    answers = selectors.response_answers(response=response)
    values = {qid: a.value for qid, a in answers.items()}
    state = selectors.completeness(questions=questions, values=values)
    comments = selectors.response_comments(response=response)
    groups = []
    for section in presenters.section_views(
        list(response.campaign.version.sections.all()), questions, values, state.visible
    ):
        items = [
            presenters.question_view(
                q, answers.get(q.pk), visible=q.pk in state.visible, editable=False, comments=comments.get(q.pk, [])
            )
            for q in section.questions
            if q.pk in state.visible
        ]
        groups.append((section, items))
    return {
        "response": response,
        "campaign": response.campaign,
        "groups": groups,
        "general": comments.get(None, []),
        "events": list(response.events.select_related("by")),
        "fill_url": reverse("mapping:response-fill", kwargs={"pk": response.pk}),
    }


@login_required
@require_GET
def response_print(request, pk):
    """A printable copy with every answer, its evidence and the review comments, for the region's records."""
    response = _response(request, pk)
    return render(request, "mapping/response_print.html", _print_context(request, response))


@login_required
@require_GET
def response_print_pdf(request, pk):
    """The printable copy as a PDF file."""
    import weasyprint  # slow to import, and only this view needs it

    response = _response(request, pk)
    document = render_to_string("mapping/response_print_document.html", _print_context(request, response), request)
    pdf = weasyprint.HTML(string=document, base_url=str(settings.BASE_DIR)).write_pdf()
    reply = HttpResponse(pdf, content_type="application/pdf")
    reply["Content-Disposition"] = f'attachment; filename="response-{response.campaign_id}-{response.region.code}.pdf"'
    return reply
