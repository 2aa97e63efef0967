"""Consultation pages: the list, one consultation with its threads, commenting, endorsing, closing, the summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from participation import caching, forms, notify, permissions, selectors, services
from participation.presenters import CommentList
from roadmap import selectors as roadmap_selectors
from roadmap.services import roadmap_for_region
from saphire.forms import add_service_errors


@require_GET
@caching.public_page
def consultation_list(request: HttpRequest) -> HttpResponse:
    consultations = list(selectors.consultation_list())
    return render(request, "participation/consultation_list.html", {"consultations": consultations})


def _sections(request: HttpRequest, consultation, *, actions: bool = True) -> list[selectors.ItemSection]:
    sections = selectors.consultation_sections(consultation=consultation, user=request.user)
    drawer = CommentList(
        base=consultation.get_absolute_url(),
        user=request.user,
        can_take_part=permissions.can_take_part(request.user, consultation),
        can_moderate=permissions.can_moderate(request.user),
        actions=actions,
    )
    for section in sections:
        section.html = drawer.render(section.entries)
    return sections


def _detail_context(request: HttpRequest, consultation, comment_form=None) -> dict:
    user = request.user
    return {
        "consultation": consultation,
        "sections": _sections(request, consultation),
        "can_take_part": permissions.can_take_part(user, consultation),
        "can_answer": permissions.can_answer_for_region(user, consultation),
        "can_manage": permissions.can_manage_consultation(user, consultation),
        "blocked": permissions.is_blocked(user),
        "following": user.is_authenticated and notify.is_following(user, consultation),
        "comment_form": comment_form,
        "error_code": comment_form["item_code"].value() or "" if comment_form is not None else None,
        "base": consultation.get_absolute_url(),
    }


@require_GET
@caching.public_page
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    return render(request, "participation/consultation_detail.html", _detail_context(request, consultation))


@login_required
def consultation_new(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = roadmap_selectors.region_by_code(code=nuts_code)
    if not permissions.can_open_consultation(request.user, region):
        raise PermissionDenied
    today = timezone.localdate()
    form = forms.ConsultationForm(request.POST or None, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_open(
                roadmap=roadmap_for_region(region=region), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consultation is open."))
            return redirect(consultation)
    return render(request, "participation/consultation_form.html", {"form": form, "region": region})


def _comment_form(request: HttpRequest, consultation, data=None) -> forms.CommentForm:
    return forms.CommentForm(
        data,
        initial={"parent": request.GET.get("parent")},
        can_answer=permissions.can_answer_for_region(request.user, consultation),
    )


def _reply_page(request: HttpRequest, consultation, form, status: int = 200) -> HttpResponse:
    parent_pk = form["parent"].value()
    parent = selectors.comment_get(consultation=consultation, pk=parent_pk) if str(parent_pk).isdigit() else None
    context = {"consultation": consultation, "form": form, "parent": parent}
    return render(request, "participation/comment_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """POST a comment or a reply; GET is the reply form (`?parent=`), one page instead of a form per comment."""
    consultation = selectors.consultation_get(pk=pk)
    if not permissions.can_take_part(request.user, consultation):
        raise PermissionDenied
    if request.method == "GET":
        return _reply_page(request, consultation, _comment_form(request, consultation))
    form = _comment_form(request, consultation, request.POST)
    if form.is_bot():
        return HttpResponse(status=400)
    if form.is_valid():
        data = form.cleaned_data
        parent = selectors.comment_get(consultation=consultation, pk=data["parent"]) if data["parent"] else None
        try:
            comment = services.comment_create(
                consultation=consultation,
                author=request.user,
                body=data["body"],
                item_code=data["item_code"],
                parent=parent,
                as_region_answer=data.get("as_region_answer", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(f"{consultation.get_absolute_url()}#comment-{comment.pk}")
    if form["parent"].value():
        return _reply_page(request, consultation, form, status=400)
    context = _detail_context(request, consultation, comment_form=form)
    return render(request, "participation/consultation_detail.html", context, status=400)


@login_required
@require_POST
def endorse(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    if not permissions.can_take_part(request.user, consultation):
        raise PermissionDenied
    if request.POST.get(forms.HONEYPOT):
        return HttpResponse(status=400)
    try:
        services.endorsement_toggle(consultation=consultation, item_code=code, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{consultation.get_absolute_url()}#item-{code}")


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    if notify.is_following(request.user, consultation):
        notify.unfollow(request.user, consultation)
        messages.success(request, _("You no longer follow this consultation."))
    else:
        notify.follow(request.user, consultation)
        messages.success(request, _("You follow this consultation."))
    return redirect(consultation)


@login_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    if not permissions.can_manage_consultation(request.user, consultation):
        raise PermissionDenied
    services.consultation_close(consultation=consultation, by=request.user)
    messages.success(request, _("The consultation is closed."))
    return redirect("participation:consultation-summary", pk=pk)


@require_GET
@caching.public_page
def consultation_summary(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    return render(
        request,
        "participation/consultation_summary.html",
        {
            "consultation": consultation,
            "sections": _sections(request, consultation, actions=False),
            "can_manage": permissions.can_manage_consultation(request.user, consultation),
            "base": consultation.get_absolute_url(),
        },
    )


@login_required
def change_new(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(pk=pk)
    if not permissions.can_manage_consultation(request.user, consultation):
        raise PermissionDenied
    form = forms.ItemChangeForm(
        request.POST or None, consultation=consultation, initial={"item_code": request.GET.get("item", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_change_record(consultation=consultation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The change is recorded; the next published version shows it."))
            return redirect("participation:consultation-summary", pk=pk)
    return render(request, "participation/change_form.html", {"form": form, "consultation": consultation})
