from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mapping import conditions as answer_conditions
from mapping import permissions, presenters, selectors, services
from mapping import values as answer_values
from mapping.models import Response

REVISION_HEADER = "X-Answer-Revision"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def response_open(request, campaign_pk, code):
    """GET shows the region's response (or a button to start it); only POST creates one, so that a link
    or an image on another site cannot."""
    campaign = get_object_or_404(selectors.campaign_list(user=request.user, counted=False), pk=campaign_pk)
    region = get_object_or_404(campaign.regions.all(), code=code)
    # The same 404 whether or not the region has a response: its existence and id are not for outsiders.
    if not permissions.can_view_region_responses(request.user, region):
        raise Http404("No such response.")
    if request.method == "POST":
        if not permissions.can_edit_region_response(request.user, region):
            raise PermissionDenied
        response = services.response_start(campaign=campaign, region=region)
        return redirect("mapping:response-fill", pk=response.pk)
    response = selectors.response_for(campaign=campaign, region=region)
    if response is not None:
        return redirect("mapping:response-fill", pk=response.pk)
    return render(
        request,
        "mapping/response_start.html",
        {
            "campaign": campaign,
            "region": region,
            "can_start": permissions.can_edit_region_response(request.user, region),
        },
    )


def _response(request, pk) -> Response:
    return get_object_or_404(selectors.response_list(user=request.user), pk=pk)


def _fill_context(request, response: Response, *, section_index: int | None = None, overrides: dict | None = None):
    """Everything the filling-in page shows, in a fixed number of queries."""
    version_id = response.campaign.version_id
    questions = selectors.version_questions(version_id)
    sections = list(response.campaign.version.sections.all())
    answers = selectors.response_answers(response=response)
    values = _counted(answers)
    state = selectors.completeness(questions=questions, values=values)
    section_list = presenters.section_views(sections, questions, values, state.visible)
    comments = selectors.response_comments(response=response, open_only=True)
    comment_count = presenters.count_open_comments(section_list, comments, questions)
    if section_index is None:
        section_index = _int(request.GET.get("section"), 1)
    section_index = min(max(section_index, 1), max(len(section_list), 1))
    current = section_list[section_index - 1] if section_list else None
    editable = permissions.can_edit_response(request.user, response)
    overrides = overrides or {}
    missing_ids = {q.pk for q in state.missing}
    show_missing = request.GET.get("missing") == "1"
    items = []
    for question in current.questions if current else []:
        extra = overrides.get(question.pk, {})
        items.append(
            presenters.question_view(
                question,
                answers.get(question.pk),
                visible=question.pk in state.visible,
                editable=editable,
                comments=comments.get(question.pk, []),
                missing=show_missing and question.pk in missing_ids,
                **extra,
            )
        )
    section_of = {s.section.pk: s.index for s in section_list}
    return {
        "response": response,
        "campaign": response.campaign,
        "sections": section_list,
        "current": current,
        "items": items,
        "editable": editable,
        "progress": state.progress,
        "missing": [(q, section_of.get(q.section_id, 1)) for q in state.missing] if show_missing else [],
        "missing_count": len(state.missing),
        "previous_index": section_index - 1 if section_index > 1 else None,
        "next_index": section_index + 1 if section_index < len(section_list) else None,
        "comment_count": comment_count,
        "general_comments": comments.get(None, []),
        "carried_count": sum(1 for a in answers.values() if a.carried_over),
        "can_reply": permissions.can_reply_to_comments(request.user, response),
        "can_resolve": permissions.can_resolve_comments(request.user, response),
        "can_review": permissions.can_review_response(request.user, response),
        "overdue": response.is_editable and response.campaign.deadline < timezone.localdate(),
    }


def _counted(answers: dict) -> dict:
    """Values that count for completeness: a carried-over answer only once confirmed."""
    return {qid: a.value for qid, a in answers.items() if not a.carried_over}


def _int(raw, default: int) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


@login_required
@require_GET
def response_fill(request, pk):
    response = _response(request, pk)
    return render(request, "mapping/response_fill.html", _fill_context(request, response))


def _answer_fragments(
    request,
    response,
    question,
    *,
    answer=None,
    error="",
    conflict=None,
    typed=None,
    saved=False,
    changed_visibility=None,
    status=200,
):
    """The htmx reply to a save, all out of band: status, revision, error, conflict, progress, dependents.

    A refused save is answered 409 (conflict, read-only) or 422 (invalid value) so that clients and
    logs can tell it from a stored one; the page's htmx config swaps those in too. The answer's
    revision is also sent as the X-Answer-Revision header, for clients that do not parse the HTML.
    """
    questions = selectors.version_questions(response.campaign.version_id)
    view = presenters.question_view(
        question, answer, visible=True, editable=True, typed=typed, error=error, conflict=conflict, saved=saved
    )
    answers = selectors.response_answers(response=response)
    values = _counted(answers)
    state = selectors.completeness(questions=questions, values=values)
    sections = presenters.section_views(
        list(response.campaign.version.sections.all()), questions, values, state.visible
    )
    open_threads = selectors.response_comments(response=response, open_only=True)
    presenters.count_open_comments(sections, open_threads, questions)
    dependents = [
        presenters.question_view(other, answers.get(other.pk), visible=other.pk in state.visible, editable=True)
        for other in questions
        if other.pk in (changed_visibility or ())
    ]
    context = {
        "item": view,
        "response": response,
        "dependents": dependents,
        "progress": state.progress,
        "missing_count": len(state.missing),
        "sections": sections,
        "carried_count": sum(1 for a in answers.values() if a.carried_over),
        "comment_count": sum(len(threads) for threads in open_threads.values()),
        "current_index": next((s.index for s in sections if s.section.pk == question.section_id), 1),
    }
    reply = render(request, "mapping/_answer_saved.html", context, status=status)
    reply[REVISION_HEADER] = str(view.revision)
    return reply


def _dependents_of(question_id: int, questions) -> set[int]:
    codes = {q.pk: q.code for q in questions}
    found, frontier = set(), {codes.get(question_id)}
    while frontier:
        added = {
            q.pk
            for q in questions
            if q.pk not in found and frontier.intersection(answer_conditions.references(q.condition))
        }
        found |= added
        frontier = {codes[pk] for pk in added}
    return found


@login_required
def response_answer(request, pk, question_pk):
    response = _response(request, pk)
    questions = selectors.version_questions(response.campaign.version_id)
    question = next((q for q in questions if q.pk == question_pk), None)
    if question is None:
        raise Http404
    if request.method == "GET":
        answer = response.answers.filter(question=question).first()
        return render(
            request,
            "mapping/_question.html",
            {
                "item": presenters.question_view(
                    question, answer, visible=True, editable=permissions.can_edit_response(request.user, response)
                ),
                "response": response,
            },
        )
    if request.method != "POST":
        return HttpResponse(status=405)
    if not permissions.can_edit_response(request.user, response):
        if permissions.can_view_response(request.user, response) and not response.is_editable:
            return _save_failed(
                request,
                response,
                question,
                _("This response was submitted and is read-only now."),
                None,
                htmx_status=409,
            )
        raise PermissionDenied
    raw = request.POST.getlist("value") if question.kind == question.Kind.MULTIPLE else request.POST.get("value", "")
    evidence = {key: request.POST[key] for key in services.responses.EVIDENCE_FIELDS if key in request.POST}
    try:
        answer = services.answer_save(
            response=response,
            question=question,
            value=raw,
            base_revision=_int(request.POST.get("revision"), 0),
            by=request.user,
            evidence=evidence,
        )
    except services.AnswerConflict as conflict:
        current = conflict.current
        info = {
            "theirs": answer_values.display(question, current.value) or _("(empty)"),
            "mine": answer_values.display(question, conflict.submitted) or _("(empty)"),
            "by": current.answered_by.get_username() if current.answered_by else "",
            "at": current.updated_at,
        }
        if not request.htmx:
            messages.error(
                request,
                _(
                    "%(code)s was changed by %(by)s meanwhile (now: %(theirs)s; yours: %(mine)s). "
                    "Nothing was overwritten."
                )
                % {"code": question.code, **info},
            )
            return _back_to(question, response, request)
        return _answer_fragments(request, response, question, answer=current, conflict=info, typed=raw, status=409)
    except services.ResponseLocked as error:
        return _save_failed(request, response, question, " ".join(error.messages), raw, htmx_status=409)
    except ValidationError as error:
        return _save_failed(request, response, question, " ".join(error.messages), raw)
    response = answer.response
    if not request.htmx:
        messages.success(request, _("Saved %(code)s.") % {"code": question.code})
        return _back_to(question, response, request)
    return _answer_fragments(
        request,
        response,
        question,
        answer=answer,
        saved=True,
        changed_visibility=_dependents_of(question.pk, questions),
    )


def _save_failed(request, response, question, message, raw, *, htmx_status=422):
    if request.htmx:
        answer = response.answers.filter(question=question).first()
        return _answer_fragments(
            request, response, question, answer=answer, error=message, typed=raw, status=htmx_status
        )
    # Without JavaScript the whole page comes back with the message, as the site's other forms do.
    section_index = list(response.campaign.version.sections.values_list("pk", flat=True)).index(question.section_id) + 1
    context = _fill_context(
        request, response, section_index=section_index, overrides={question.pk: {"error": message, "typed": raw}}
    )
    return render(request, "mapping/response_fill.html", context, status=400)


def _back_to(question, response, request):
    sections = list(response.campaign.version.sections.values_list("pk", flat=True))
    index = sections.index(question.section_id) + 1 if question.section_id in sections else 1
    return redirect(f"{reverse('mapping:response-fill', kwargs={'pk': response.pk})}?section={index}#q-{question.pk}")


@login_required
@require_POST
def response_submit(request, pk):
    response = _response(request, pk)
    if not permissions.can_edit_response(request.user, response):
        raise PermissionDenied
    # After a refusal the official comes back to the section they submitted from.
    section = _int(request.POST.get("section"), 1)
    here = f"{reverse('mapping:response-fill', kwargs={'pk': pk})}?section={section}"
    try:
        services.response_submit(response=response, by=request.user)
    except ValidationError as error:
        if error.code == "incomplete":
            messages.error(request, _("Some required questions are not answered yet; they are listed below."))
            return redirect(f"{here}&missing=1#missing")
        messages.error(request, " ".join(error.messages))
        return redirect(here)
    messages.success(request, _("Submitted. A coordinator will review the response; it is read-only meanwhile."))
    return redirect("mapping:response-fill", pk=pk)


@login_required
def response_review(request, pk):
    response = _response(request, pk)
    if not permissions.can_view_response(request.user, response):
        raise PermissionDenied
    if request.method == "POST":
        if not permissions.can_review_response(request.user, response):
            raise PermissionDenied
        comments = {
            int(key.removeprefix("comment-")): value
            for key, value in request.POST.items()
            if key.startswith("comment-") and key.removeprefix("comment-").isdigit()
        }
        try:
            services.response_return(
                response=response, by=request.user, comment=request.POST.get("comment", ""), question_comments=comments
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(
                request,
                "mapping/response_review.html",
                _review_context(request, response, typed=comments, comment=request.POST.get("comment", "")),
                status=400,
            )
        messages.success(request, _("Returned to the region's officials with your comments."))
        return redirect("mapping:campaign-detail", pk=response.campaign_id)
    return render(request, "mapping/response_review.html", _review_context(request, response))


def _review_context(request, response, typed=None, comment=""):
    questions = selectors.version_questions(response.campaign.version_id)
    sections = list(response.campaign.version.sections.all())
    answers = selectors.response_answers(response=response)
    values = _counted(answers)
    state = selectors.completeness(questions=questions, values=values)
    comments = selectors.response_comments(response=response)
    disagreements = selectors.response_disagreements(response=response)
    diff = selectors.changes_since_return(response=response)
    section_list = presenters.section_views(sections, questions, values, state.visible)
    open_count = presenters.count_open_comments(section_list, comments, questions)
    groups = []
    for section_view in section_list:
        items = []
        for question in section_view.questions:
            items.append(
                presenters.question_view(
                    question,
                    answers.get(question.pk),
                    visible=question.pk in state.visible,
                    editable=False,
                    comments=comments.get(question.pk, []),
                    disagreement=[
                        {**d, "display": answer_values.display(question, d["value"])}
                        for d in disagreements.get(question.pk, [])
                    ],
                    changed_since_return=presenters.field_diff(question, diff.get(question.pk, [])),
                )
            )
        groups.append((section_view, items))
    return {
        "response": response,
        "campaign": response.campaign,
        "groups": groups,
        "typed": typed or {},
        "comment": comment,
        "can_review": permissions.can_review_response(request.user, response),
        "disagreement_count": len(disagreements),
        "events": list(response.events.select_related("by")),
        "general_comments": comments.get(None, []),
        "open_count": open_count,
        "changed_count": len(diff),
        "can_reply": permissions.can_reply_to_comments(request.user, response),
        "can_resolve": permissions.can_resolve_comments(request.user, response),
    }


@login_required
@require_POST
def response_accept(request, pk):
    response = _response(request, pk)
    if not permissions.can_review_response(request.user, response):
        raise PermissionDenied
    services.response_accept(response=response, by=request.user)
    messages.success(request, _("Accepted: the answers now count in the scores and the heatmap."))
    return redirect("mapping:campaign-detail", pk=response.campaign_id)
