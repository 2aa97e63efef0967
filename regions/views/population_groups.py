"""Population groups of a region."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from regions import forms, permissions, selectors, services
from regions.models import PopulationGroup

# Population groups --------------------------------------------------------------


@require_safe
def population_group_detail(request, pk):
    group = get_object_or_404(selectors.population_group_list(), pk=pk)
    return render(
        request,
        "regions/population_group_detail.html",
        {
            "group": group,
            "can_edit": permissions.can_edit_population_group(request.user, group),
            "changes": list(group.changes.select_related("changed_by")[:10]) if request.user.is_authenticated else [],
        },
    )


@login_required
def population_group_create(request):
    if not permissions.can_create_population_group(request.user):
        raise PermissionDenied
    form = forms.PopulationGroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        group = services.population_group_create(
            data=data, regions=form.cleaned_data["region_codes"], user=request.user
        )
        messages.success(request, _("Population group added."))
        return redirect("regions:population-group-detail", pk=group.pk)
    return render(request, "regions/population_group_form.html", {"form": form, "group": None})


@login_required
def population_group_edit(request, pk):
    group = get_object_or_404(PopulationGroup.objects.prefetch_related("regions"), pk=pk)
    if not permissions.can_edit_population_group(request.user, group):
        raise PermissionDenied
    form = forms.PopulationGroupForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        group = PopulationGroup.objects.get(pk=pk)
        try:
            services.population_group_update(
                group=group,
                data=data,
                regions=form.cleaned_data["region_codes"],
                expected_version=form.cleaned_data["version"] or 0,
                user=request.user,
            )
        except services.StaleEdit as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Population group saved."))
            return redirect("regions:population-group-detail", pk=pk)
    return render(request, "regions/population_group_form.html", {"form": form, "group": group})
