from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mapping.models import Theme
from regions.models import Region
from roadmap import caching, forms, matchmaking, permissions, selectors, services
from roadmap.models import PHASES, ActorType, CostLevel, Horizon, Milestone, Module, ModuleAction, Pilot, RoadmapItem
from roadmap.presentation import dependency_svg, phase_timeline
from saphire.i18n import active_language
from saphire.translated_forms import language_initial


def _lang(request: HttpRequest) -> str:
    return active_language()


def _public_body(request: HttpRequest, template: str, build) -> str:
    body = render_to_string(template, build(), request)
    return mark_safe(body)  # noqa: S308 (rendered by our autoescaping template)


def _error_messages(request: HttpRequest, error: ValidationError | services.StaleEdit) -> None:
    if isinstance(error, services.StaleEdit):
        messages.error(request, str(error))
        return
    for message in error.messages:
        messages.error(request, message)


# Public pages -----------------------------------------------------------------------------


@require_GET
@caching.public_page(vary_on=("theme", "horizon", "cost", "typology", "group"), uncached_on=("q",))
def home(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "").strip() for k in ("q", "theme", "horizon", "cost", "typology", "group")}

    def build():
        lang = _lang(request)
        modules = list(
            selectors.public_modules(
                q=params["q"],
                lang=lang,
                theme=params["theme"],
                horizon=params["horizon"],
                cost=params["cost"],
                typology=params["typology"] if params["typology"] not in selectors.INNOVATION_GROUPS else "",
            ).defer("data", "body", "changes")[:60]
        )
        roadmaps = list(
            selectors.public_roadmaps(
                q=params["q"],
                lang=lang,
                theme=params["theme"],
                typology=params["typology"],
                innovation_group=params["group"],
            ).defer("data", "body", "changes", "vision")[:60]
        )
        return {
            "params": params,
            "modules": modules,
            "roadmaps": roadmaps,
            "themes": Theme.objects.filter(is_active=True),
            "horizons": Horizon.choices,
            "costs": CostLevel.choices,
            "typologies": list(selectors.TYPOLOGY_FIELDS),
            "groups": selectors.INNOVATION_GROUPS,
            "filtered": any(params.values()),
            "lang": lang,
        }

    body = _public_body(request, "roadmap/_home_body.html", build)
    return render(request, "roadmap/home.html", {"body": body, "q": params["q"]})


@require_GET
@caching.public_page
def module_detail(request: HttpRequest, code: str) -> HttpResponse:
    version = selectors.public_module(code=code)

    def build():
        horizons, costs, actors = dict(Horizon.choices), dict(CostLevel.choices), dict(ActorType.choices)
        for action in version.data["actions"]:
            action["actor_label"] = actors.get(action["actor_type"], action["actor_type"])
            action["horizon_label"] = horizons.get(action["horizon"], action["horizon"])
            action["cost_label"] = costs.get(action["cost_level"], action["cost_level"])
        return {
            "version": version,
            "data": version.data,
            "regions": selectors.regions_using_module(code=code),
            "history": selectors.module_history(module_id=version.module_id),
            "dependents": list(
                selectors.public_modules().filter(prerequisite_codes__contains=[code]).only("code", "title")
            ),
            "lang": _lang(request),
        }

    body = _public_body(request, "roadmap/_module_body.html", build)
    return render(
        request,
        "roadmap/module_detail.html",
        {"body": body, "version": version, "can_curate": permissions.can_curate_modules(request.user)},
    )


@require_GET
@caching.public_page
def dependencies(request: HttpRequest) -> HttpResponse:
    def build():
        layers = selectors.module_dependency_layers()
        return {"layers": layers, "svg": dependency_svg(layers), "lang": _lang(request)}

    body = _public_body(request, "roadmap/_dependencies_body.html", build)
    return render(request, "roadmap/dependencies.html", {"body": body})


@require_GET
@caching.public_page
def region_roadmap(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = selectors.region_by_code(code=nuts_code)
    can_edit = permissions.can_edit_roadmap(request.user, region)
    try:
        version = selectors.public_roadmap(region_code=region.code)
    except Http404:
        if can_edit:
            return redirect("roadmap:builder", nuts_code=region.code)
        raise

    def build():
        return {
            "region": region,
            "version": version,
            "phases": phase_timeline(version.data, lang=_lang(request)),
            "timeline": selectors.roadmap_timeline(roadmap_id=version.roadmap_id),
            "history": selectors.roadmap_history(roadmap_id=version.roadmap_id),
            "pilots": selectors.region_pilots(region=region),
            "statuses": dict(RoadmapItem.Status.choices),
        }

    body = _public_body(request, "roadmap/_region_body.html", build)
    return render(request, "roadmap/region_roadmap.html", {"body": body, "region": region, "can_edit": can_edit})


@require_GET
# Partners follow findings and mapping scores, which change without a publication: a short lifetime.
@caching.public_page(seconds=120)
def region_partners(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = selectors.region_by_code(code=nuts_code)
    return render(
        request,
        "roadmap/partners.html",
        {
            "region": region,
            "partners": matchmaking.partner_regions(region=region),
            "shared": matchmaking.shared_gap_regions(region=region),
            "gaps": matchmaking.region_gaps(region=region),
        },
    )


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


# Module library (coordinators) ----------------------------------------------------------


def _curator(request: HttpRequest) -> None:
    if not permissions.can_curate_modules(request.user):
        raise PermissionDenied


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    _curator(request)
    return render(request, "roadmap/library.html", {"modules": selectors.module_list_for_curation(user=request.user)})


@login_required
def module_new(request: HttpRequest) -> HttpResponse:
    _curator(request)
    form = forms.ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            module = services.module_create(**data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request, _("Draft %(code)s created: add its actions, then publish.") % {"code": module.code}
            )
            return redirect("roadmap:module-edit", code=module.code)
    return render(request, "roadmap/module_form.html", {"form": form})


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def module_edit(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    initial = {
        "code": module.code,
        **language_initial(module, forms.ModuleForm.TRANSLATED),
        "themes": module.themes.all(),
        "prerequisites": module.prerequisites.all(),
        "funding_instruments": module.funding_instruments.all(),
        "typologies": module.typologies,
        "lock_version": module.lock_version,
    }
    form = forms.ModuleForm(request.POST or None, initial=initial, module=module)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        try:
            services.module_update(module=module, **data)
        except ValidationError as error:
            _attach(form, error)
        except services.StaleEdit as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(code)s saved. Publish to make the changes public.") % {"code": module.code})
            return redirect("roadmap:module-edit", code=module.code)
    return render(
        request,
        "roadmap/module_form.html",
        {
            "form": form,
            "module": module,
            "actions": module.actions.all(),
            "evidence": module.evidence.all(),
            "action_form": forms.ActionForm(),
            "evidence_form": forms.EvidenceForm(),
            "current": module.versions.filter(is_current=True).first(),
        },
    )


@login_required
@require_POST
def module_action_add(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    form = forms.ActionForm(request.POST)
    if form.is_valid():
        services.module_action_add(module=module, **form.cleaned_data)
        messages.success(request, _("Action added."))
    else:
        messages.error(request, _("An action needs a title, an actor, a horizon and a cost level."))
    return redirect("roadmap:module-edit", code=code)


@login_required
@require_POST
def module_action_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _curator(request)
    action = get_object_or_404(ModuleAction, pk=pk, module__code=code)
    services.module_action_delete(action=action)
    return redirect("roadmap:module-edit", code=code)


@login_required
@require_POST
def module_evidence_add(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    form = forms.EvidenceForm(request.POST)
    if form.is_valid():
        services.module_evidence_add(module=module, **form.cleaned_data)
    else:
        messages.error(request, _("Evidence needs a title and, if given, a valid link."))
    return redirect("roadmap:module-edit", code=code)


@login_required
@require_POST
def module_publish(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    if not module.actions.exists():
        messages.error(request, _("Add at least one action before publishing."))
        return redirect("roadmap:module-edit", code=code)
    version = services.module_publish(module=module, by=request.user)
    messages.success(request, _("Version %(n)s of %(code)s is public.") % {"n": version.number, "code": code})
    return redirect("roadmap:module", code=code)


# Pilots -----------------------------------------------------------------------------------


@require_GET
@caching.public_page(vary_on=("region", "module", "status", "funding"), uncached_on=("q",))
def pilot_list(request: HttpRequest) -> HttpResponse:
    from roadmap.filters import PilotFilter

    filterset = PilotFilter(request.GET or None, queryset=Pilot.objects.none())
    pilots = selectors.pilot_list(user=request.user, filters=request.GET)
    return render(
        request,
        "roadmap/pilot_list.html",
        {"pilots": pilots, "filter": filterset, "can_edit": permissions.can_edit_pilot(request.user)},
    )


@require_GET
@caching.public_page
def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_object_or_404(selectors.pilot_list(user=request.user), slug=slug)
    return render(
        request,
        "roadmap/pilot_detail.html",
        {"pilot": pilot, "can_edit": permissions.can_edit_pilot(request.user, pilot)},
    )


@login_required
def pilot_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    pilot = get_object_or_404(Pilot, slug=slug) if slug else None
    if not permissions.can_edit_pilot(request.user, pilot):
        raise PermissionDenied
    initial = {}
    if pilot:
        initial = {
            "slug": pilot.slug,
            "title": pilot.title,
            "summary": pilot.summary,
            "region_codes": ", ".join(r.code for r in pilot.regions.all()),
            "modules": pilot.modules.all(),
            "lead_name": pilot.lead_name,
            "partner_names": pilot.partner_names,
            "budget": pilot.budget,
            "start_date": pilot.start_date,
            "end_date": pilot.end_date,
            "status": pilot.status,
            "funding": "\n".join(
                f"{f.instrument.code}, {f.amount}" for f in pilot.funding.select_related("instrument")
            ),
        }
    form = forms.PilotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        codes = [c.strip().upper() for c in data.pop("region_codes").split(",") if c.strip()]
        regions = list(Region.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {r.code for r in regions})
        if missing:
            form.add_error("region_codes", _("Unknown NUTS codes: %(codes)s.") % {"codes": ", ".join(missing)})
        else:
            try:
                pilot = services.pilot_save(pilot=pilot, regions=regions, **data)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("Pilot saved."))
                return redirect("roadmap:pilot", slug=pilot.slug)
    return render(request, "roadmap/pilot_form.html", {"form": form, "pilot": pilot})
