"""The region roadmap builder: items, milestones, settings and publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from regions.models import Region
from roadmap import extensions, forms, permissions, selectors, services
from roadmap.models import PHASES, Milestone, RoadmapItem


def _error_messages(request: HttpRequest, error: ValidationError | services.StaleEdit) -> None:
    if isinstance(error, services.StaleEdit):
        messages.error(request, str(error))
        return
    for message in error.messages:
        messages.error(request, message)


# Region roadmap builder -------------------------------------------------------------------


def _editable_region(request: HttpRequest, nuts_code: str) -> Region:
    region = selectors.region_by_code(code=nuts_code)
    if not permissions.can_edit_roadmap(request.user, region):
        raise PermissionDenied
    return region


@login_required
@require_GET
def builder(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = _editable_region(request, nuts_code)
    services.roadmap_for_region(region=region)
    roadmap = selectors.editable_roadmap(region=region)
    items = list(roadmap.items.all())
    phases = [(number, name, [i for i in items if i.phase == number]) for number, name in PHASES]
    return render(
        request,
        "roadmap/builder.html",
        {
            "region": region,
            "roadmap": roadmap,
            "phases": phases,
            "links": extensions.links(region=region, user=request.user),
            "suggestions": selectors.module_suggestions(region=region)[:15],
            "add_form": forms.ItemAddForm(initial={"lock_version": roadmap.lock_version}),
            "settings_form": forms.RoadmapForm(
                initial={
                    "title": roadmap.title,
                    "vision": roadmap.vision,
                    "start_year": roadmap.start_year,
                    "phase_years": roadmap.phase_years,
                    "lock_version": roadmap.lock_version,
                }
            ),
            "phase_choices": PHASES,
            "statuses": RoadmapItem.Status.choices,
            "published": roadmap.versions.filter(is_current=True).first(),
        },
    )


def _back(nuts_code: str, anchor: str = "") -> HttpResponse:
    response = redirect("roadmap:builder", nuts_code=nuts_code)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
@require_POST
def builder_add(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = _editable_region(request, nuts_code)
    roadmap = services.roadmap_for_region(region=region)
    form = forms.ItemAddForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(region.code)
    module = form.cleaned_data["module"]
    reasons = next((s.reasons for s in selectors.module_suggestions(region=region) if s.module.pk == module.pk), [])
    try:
        services.roadmap_item_add(
            roadmap=roadmap,
            module=module,
            phase=form.cleaned_data["phase"],
            order=form.cleaned_data["order"],
            lock_version=form.cleaned_data["lock_version"],
            by=request.user,
            reasons=reasons,
        )
    except (ValidationError, services.StaleEdit) as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("%(code)s added.") % {"code": module.code})
    return _back(region.code, "phases")


def _item(request: HttpRequest, nuts_code: str, pk: int) -> RoadmapItem:
    region = _editable_region(request, nuts_code)
    return get_object_or_404(RoadmapItem.objects.select_related("module", "roadmap"), pk=pk, roadmap__region=region)


@login_required
@require_POST
def item_move(request: HttpRequest, nuts_code: str, pk: int) -> HttpResponse:
    item = _item(request, nuts_code, pk)
    form = forms.ItemMoveForm(request.POST)
    if form.is_valid():
        try:
            services.roadmap_item_move(item=item, by=request.user, **form.cleaned_data)
            messages.success(request, _("%(code)s moved.") % {"code": item.module.code})
        except (ValidationError, services.StaleEdit) as error:
            _error_messages(request, error)
    else:
        messages.error(request, _("Choose a phase and a position of 1 or more."))
    return _back(nuts_code, f"item-{pk}")


@login_required
@require_POST
def item_update(request: HttpRequest, nuts_code: str, pk: int) -> HttpResponse:
    item = _item(request, nuts_code, pk)
    form = forms.ItemUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.roadmap_item_update(item=item, by=request.user, **form.cleaned_data)
            messages.success(request, _("%(code)s saved.") % {"code": item.module.code})
        except (ValidationError, services.StaleEdit) as error:
            _error_messages(request, error)
    else:
        messages.error(request, _("Progress is a percentage between 0 and 100."))
    return _back(nuts_code, f"item-{pk}")


@login_required
@require_POST
def item_remove(request: HttpRequest, nuts_code: str, pk: int) -> HttpResponse:
    item = _item(request, nuts_code, pk)
    try:
        lock = request.POST.get("lock_version")
        services.roadmap_item_remove(item=item, lock_version=int(lock) if lock else None, by=request.user)
        messages.success(request, _("%(code)s removed.") % {"code": item.module.code})
    except (ValidationError, services.StaleEdit) as error:
        _error_messages(request, error)
    return _back(nuts_code, "phases")


@login_required
@require_POST
def milestone_add(request: HttpRequest, nuts_code: str, pk: int) -> HttpResponse:
    item = _item(request, nuts_code, pk)
    form = forms.MilestoneForm(request.POST)
    if form.is_valid():
        services.milestone_add(item=item, **form.cleaned_data)
    else:
        messages.error(request, _("A milestone needs a title."))
    return _back(nuts_code, f"item-{pk}")


@login_required
@require_POST
def milestone_toggle(request: HttpRequest, nuts_code: str, pk: int) -> HttpResponse:
    region = _editable_region(request, nuts_code)
    milestone = get_object_or_404(Milestone, pk=pk, item__roadmap__region=region)
    services.milestone_set_done(milestone=milestone, done=not milestone.done)
    return _back(nuts_code, f"item-{milestone.item_id}")


@login_required
@require_POST
def roadmap_settings(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = _editable_region(request, nuts_code)
    roadmap = services.roadmap_for_region(region=region)
    form = forms.RoadmapForm(request.POST)
    if form.is_valid():
        try:
            services.roadmap_update(roadmap=roadmap, **form.cleaned_data)
            messages.success(request, _("Roadmap saved."))
        except services.StaleEdit as error:
            _error_messages(request, error)
    else:
        messages.error(request, _("Check the title, first year and years per phase."))
    return _back(nuts_code)


@login_required
@require_POST
def roadmap_publish(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = _editable_region(request, nuts_code)
    if not permissions.can_publish_roadmap(request.user, region):
        raise PermissionDenied
    roadmap = services.roadmap_for_region(region=region)
    lock = request.POST.get("lock_version")
    try:
        version = services.roadmap_publish(roadmap=roadmap, by=request.user, lock_version=int(lock) if lock else None)
    except (ValidationError, services.StaleEdit) as error:
        _error_messages(request, error)
        return _back(nuts_code)
    messages.success(request, _("Version %(n)s is public.") % {"n": version.number})
    return redirect("roadmap:region", nuts_code=region.code)
