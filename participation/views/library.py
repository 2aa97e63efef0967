"""The best-practice library: public list and page, proposing, editing, review, promotion of a finding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mapping.models import Finding
from participation import caching, forms, permissions, selectors, services
from participation.models import BestPractice
from regions.models import Region
from saphire import roles
from saphire.forms import add_service_errors


@require_GET
@caching.public_page(vary_on=("region", "module"))
def best_practice_list(request: HttpRequest) -> HttpResponse:
    practices = selectors.published_best_practices()
    if request.GET.get("region"):
        practices = practices.filter(region__code=request.GET["region"])
    if request.GET.get("module"):
        practices = practices.filter(modules__code=request.GET["module"]).distinct()
    drafts = []
    if request.user.is_authenticated:
        drafts = selectors.best_practices_for(user=request.user).exclude(status=BestPractice.Status.PUBLISHED)
    return render(
        request,
        "participation/best_practice_list.html",
        {"practices": practices, "drafts": drafts, "can_propose": _editable_regions(request.user).exists()},
    )


@require_GET
@caching.public_page
def best_practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.best_practice_get(pk=pk, user=request.user)
    return render(
        request,
        "participation/best_practice_detail.html",
        {
            "practice": practice,
            "can_edit": permissions.can_edit_best_practice(request.user, practice),
            "can_review": permissions.can_review_best_practice(request.user),
        },
    )


def _editable_regions(user):
    if roles.is_coordinator(user):
        return Region.objects.all()
    return Region.objects.filter(pk__in=roles.official_region_ids(user))


@login_required
def best_practice_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    practice = selectors.best_practice_get(pk=pk, user=request.user) if pk else None
    regions = _editable_regions(request.user)
    if (practice and not permissions.can_edit_best_practice(request.user, practice)) or not regions.exists():
        raise PermissionDenied
    form = forms.BestPracticeForm(request.POST or None, instance=practice, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes, modules = data.pop("themes"), data.pop("modules")
        try:
            practice = services.best_practice_save(
                practice=practice, by=request.user, themes=themes, modules=modules, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(practice)
    promotable = []
    if practice is None:
        promotable = (
            Finding.objects.filter(region__in=regions, kind__in=[Finding.Kind.STRENGTH, Finding.Kind.BEST_PRACTICE])
            .exclude(status=Finding.Status.DISMISSED)
            .exclude(pk__in=BestPractice.objects.filter(finding__isnull=False).values("finding_id"))
            .select_related("region")[:50]
        )
    return render(
        request,
        "participation/best_practice_form.html",
        {"form": form, "practice": practice, "promotable": promotable},
    )


@login_required
@require_POST
def best_practice_review(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """`submit` (its editors), `publish` or `return` (coordinators)."""
    practice = selectors.best_practice_get(pk=pk, user=request.user)
    allowed = {
        "submit": permissions.can_edit_best_practice(request.user, practice),
        "publish": permissions.can_review_best_practice(request.user),
        "return": permissions.can_review_best_practice(request.user),
    }
    if not allowed.get(action):
        raise PermissionDenied
    try:
        if action == "submit":
            services.best_practice_submit(practice=practice, by=request.user)
        elif action == "publish":
            services.best_practice_publish(practice=practice, by=request.user)
        else:
            services.best_practice_return(practice=practice, note=request.POST.get("note", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(practice)


@login_required
@require_POST
def finding_promote(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("theme"), pk=pk)
    if not permissions.can_propose_best_practice(request.user, finding.region):
        raise PermissionDenied
    try:
        practice = services.best_practice_from_finding(finding=finding, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mapping:finding-list")
    messages.success(request, _("A draft best practice was made from the finding: complete it and send it for review."))
    return redirect("participation:best-practice-edit", pk=practice.pk)
