"""Interest in a pilot or a partner region, and the owner's reply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from participation import forms, permissions, selectors, services
from regions.models import Region
from roadmap import selectors as roadmap_selectors
from saphire import roles
from saphire.forms import add_service_errors


@login_required
def interest_new(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if kind == "pilot":
        target = get_object_or_404(roadmap_selectors.pilot_list(user=request.user), slug=key)
        title = target.title
    else:
        target = roadmap_selectors.region_by_code(code=key)
        title = f"{target.code} {target.name}"
    regions = Region.objects.filter(pk__in=roles.official_region_ids(request.user))
    form = forms.InterestForm(request.POST or None, regions=regions)
    if request.method == "POST":
        if form.is_bot():
            return HttpResponse(status=400)
        if form.is_valid():
            try:
                interest = services.interest_create(
                    user=request.user,
                    message=form.cleaned_data["message"],
                    share_contact=form.cleaned_data["share_contact"],
                    from_region=form.cleaned_data.get("from_region"),
                    **({"pilot": target} if kind == "pilot" else {"region": target}),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your interest was sent; you will be told when the owner replies."))
                return redirect(interest)
    return render(request, "participation/interest_form.html", {"form": form, "title": title})


@login_required
@require_GET
def interest_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "participation/interest_list.html", {"interests": selectors.interests_for(user=request.user)}
    )


@login_required
def interest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(selectors.interests_for(user=request.user), pk=pk)
    can_reply = permissions.can_reply_interest(request.user, interest)
    form = forms.InterestReplyForm(request.POST or None)
    if request.method == "POST":
        if not can_reply:
            raise PermissionDenied
        if form.is_valid():
            services.interest_reply(interest=interest, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your reply was sent."))
            return redirect(interest)
    return render(
        request, "participation/interest_detail.html", {"interest": interest, "form": form, "can_reply": can_reply}
    )
