from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mapping import permissions, selectors, services
from mapping.filters import FindingFilter
from mapping.forms import FindingEditForm, FindingForm, FindingRuleForm
from mapping.models import Finding, FindingRule
from saphire.forms import add_service_errors
from saphire.page_cache import EVENTS, REGIONS, SCORES, public_page


# Findings come from surveys (SCORES) and from events (EVENTS).
@require_GET
@public_page(
    depends_on=(SCORES, EVENTS, REGIONS),
    vary_on=("region", "country", "theme", "kind", "status", "source", "campaign", "min_severity", "page"),
)
def finding_list(request):
    findings = FindingFilter(request.GET or None, selectors.finding_list(user=request.user))
    page = Paginator(findings.qs, 50).get_page(request.GET.get("page"))
    # Each choice translated once per page: get_FOO_display rebuilds its choices on every call.
    labels = {
        name: {value: str(label) for value, label in Finding._meta.get_field(name).flatchoices}
        for name in ("kind", "source", "status")
    }
    for finding in page:
        finding.kind_label = labels["kind"].get(finding.kind, finding.kind)
        finding.source_label = labels["source"].get(finding.source, finding.source)
        finding.status_label = labels["status"].get(finding.status, finding.status)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mapping/finding_list.html",
        {
            "filter": findings,
            "page": page,
            "query": query.urlencode(),
            "can_manage": permissions.can_manage_findings(request.user),
        },
    )


@login_required
def finding_create(request):
    if not permissions.can_manage_findings(request.user):
        raise PermissionDenied
    form = FindingForm(request.POST or None, initial={"region_code": request.GET.get("region", ""), "severity": 3})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = services.finding_create(
                region=form.region,
                theme=data["theme"],
                kind=data["kind"],
                severity=data["severity"],
                title=data["title"],
                description=data["description"],
                evidence=data["evidence"],
                source=data["source"],
                status=Finding.Status.CONFIRMED,
                created_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Finding recorded for %(region)s.") % {"region": finding.region.code})
            return redirect("mapping:finding-list")
    return render(
        request,
        "mapping/finding_form.html",
        {"form": form, "regions": selectors.region_choices()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def finding_status(request, pk):
    if not permissions.can_manage_findings(request.user):
        raise PermissionDenied
    finding = get_object_or_404(selectors.finding_list(user=request.user), pk=pk)
    try:
        services.finding_set_status(finding=finding, status=request.POST.get("status", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url.startswith("/mapping/") else "mapping:finding-list")


@login_required
def finding_edit(request, pk):
    """Edit the wording of a suggested or confirmed finding; the page also shows its history."""
    if not permissions.can_manage_findings(request.user):
        raise PermissionDenied
    finding = get_object_or_404(selectors.finding_list(user=request.user).select_related("rule"), pk=pk)
    form = FindingEditForm(request.POST or None, initial=FindingEditForm.initial_for(finding))
    if request.method == "POST" and finding.status in services.findings.EDITABLE and form.is_valid():
        try:
            services.finding_update(finding=finding, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Finding saved."))
            return redirect("mapping:finding-edit", pk=finding.pk)
    return render(
        request,
        "mapping/finding_edit.html",
        {
            "finding": finding,
            "form": form,
            "editable": finding.status in services.findings.EDITABLE,
            "history": selectors.finding_history(finding=finding),
        },
        status=400 if form.errors else 200,
    )


@login_required
def rule_list(request):
    if not permissions.can_manage_findings(request.user):
        raise PermissionDenied
    form = FindingRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.rule_create(data=form.cleaned_data)
        messages.success(request, _("Rule added."))
        return redirect("mapping:rule-list")
    rules = FindingRule.objects.select_related("theme")
    return render(request, "mapping/rule_list.html", {"form": form, "rules": rules}, status=400 if form.errors else 200)


@login_required
@require_POST
def rule_toggle(request, pk):
    if not permissions.can_manage_findings(request.user):
        raise PermissionDenied
    rule = get_object_or_404(FindingRule, pk=pk)
    services.rule_toggle(rule=rule)
    return redirect("mapping:rule-list")
