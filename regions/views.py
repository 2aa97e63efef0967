import importlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from regions import forms, permissions, selectors, services
from regions.filters import OrganisationFilter, RegionFilter
from regions.indicators import indicator_choices, map_data
from regions.maps import NO_DATA, choropleth_svg, region_url
from regions.models import ORGANISATION_EDITABLE_FIELDS, Contact, Organisation, PopulationGroup, ValueChainStage
from regions.network import network_svg
from regions.statistics.charts import trend_svg
from regions.statistics.export import write_map_csv
from regions.statistics.peers import similar_regions
from regions.statistics.profile import region_statistics
from saphire.page_cache import EVERYTHING, ORGANISATIONS, REGIONS, public_page
from saphire.profile import ProfileSection
from saphire.roles import is_coordinator, official_region_ids

PROFILE_APPS = ["mapping", "workshops", "roadmap", "reports"]


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_safe
@public_page(
    depends_on=(REGIONS,),
    vary_on=("country", "level", "nuts_version", "typology", "innovation_group", "page"),
    uncached_on=("search",),
)
def region_list(request):
    filterset = RegionFilter(request.GET or None, queryset=selectors.region_list())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "regions/region_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode(), "countries": selectors.country_codes()},
    )


def _profile_sections(region, user) -> list[ProfileSection]:
    sections = []
    for app in PROFILE_APPS:
        if app not in settings.INSTALLED_APPS:
            continue
        try:
            module = importlib.import_module(f"{app}.region_profile")
        except ModuleNotFoundError:
            continue
        sections.extend(module.sections(region=region, user=user))
    return sections


def _render_sections(request, region) -> list[tuple[ProfileSection, str]]:
    """Each section's template gets its own context plus `section`, `region` and the request."""
    return [
        (
            section,
            render_to_string(section.template, {**section.context, "section": section, "region": region}, request),
        )
        for section in _profile_sections(region, request.user)
    ]


def _stage_coverage(organisations) -> list[tuple[str, int]]:
    """How many approved organisations cover each value-chain stage (zero shows a gap)."""
    approved = [o for o in organisations if o.status == o.Status.APPROVED]
    return [(label, sum(code in o.value_chain_stages for o in approved)) for code, label in ValueChainStage.choices]


# The statistics a profile shows first, with their label and decimals.
PROFILE_FACTS = [
    ("population", gettext_lazy("Population"), 0),
    ("area", gettext_lazy("Area"), 0),
    ("density", gettext_lazy("Density"), 1),
    ("gdp_eur_hab", gettext_lazy("GDP per inhabitant"), 0),
    ("life_expectancy_f", gettext_lazy("Life expectancy at birth, women"), 1),
    ("life_expectancy_m", gettext_lazy("Life expectancy at birth, men"), 1),
]


def _statistics_context(region) -> dict:
    stats = region_statistics(region=region)
    rows = [(label, stats.get(code), f"{digits}g") for code, label, digits in PROFILE_FACTS]
    population = stats.get("population")
    trend = ""
    if population and len(population.series) > 1:
        title = _("Population of %(region)s on 1 January, %(first)s–%(last)s") % {
            "region": region.name,
            "first": population.series[0][0],
            "last": population.series[-1][0],
        }
        trend = trend_svg(series=population.series, title=title, element_id="population-trend")
    return {"stats": stats, "stat_rows": rows, "population_trend": trend, "similar": similar_regions(region=region)}


@require_safe
@public_page(depends_on=EVERYTHING, vary_on=("version",))  # its sections come from every app
def region_detail(request, code):
    region = selectors.region_get(code=code, version=_int(request.GET.get("version")))
    organisations = list(selectors.region_organisations(region=region, user=request.user)[:200])
    context = {
        "region": region,
        "versions": selectors.region_versions(code=region.code),
        "ancestors": selectors.region_ancestors(region=region),
        "children": selectors.region_children(region=region),
        "population_groups": selectors.population_group_list(region=region),
        "organisations": organisations,
        "pending_count": sum(o.status == o.Status.PENDING for o in organisations),
        "stage_coverage": _stage_coverage(organisations),
        "link_count": len(selectors.region_links(region=region, user=request.user)),
        "can_edit": permissions.can_edit_region(request.user, region),
        "changes": selectors.region_changes(region=region, limit=10) if request.user.is_authenticated else [],
        "sections": _render_sections(request, region),
        **_statistics_context(region),
        "map_svg": choropleth_svg(regions=[region], values={}, legend=[], title=str(region), link=False)
        if region.geometry
        else "",
    }
    return render(request, "regions/region_detail.html", context)


@login_required
def region_edit(request, code):
    region = selectors.region_get(code=code, version=_int(request.GET.get("version")))
    if not permissions.can_edit_region(request.user, region):
        raise PermissionDenied
    form = forms.RegionProfileForm(
        request.POST or None, instance=region, initial={"profile_version": region.profile_version}
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
        try:
            services.region_profile_update(
                region=region, data=data, expected_version=form.cleaned_data["profile_version"], user=request.user
            )
        except services.StaleEdit as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Profile saved."))
            return redirect(region_url(region))
    return render(request, "regions/region_edit.html", {"region": region, "form": form})


DEFAULT_MAP_INDICATORS = ("stat:population", "innovation_group")


def _map_state(request) -> dict:
    """What the map shows, from the query string: the same for the page and its CSV download."""
    versions = selectors.nuts_versions() or [2021]
    version = _int(request.GET.get("version"), 2021 if 2021 in versions else versions[-1])
    levels = selectors.map_levels(version=version)
    level = _int(request.GET.get("level"), 2 if 2 in levels or not levels else levels[0])
    indicators = indicator_choices()
    keys = dict(indicators)
    default = next((key for key in DEFAULT_MAP_INDICATORS if key in keys), "innovation_group")
    indicator = request.GET.get("indicator", default)
    if indicator not in keys:
        indicator = default
    regions = list(selectors.map_regions(level=level, version=version))
    data = map_data(
        indicator=indicator, regions=regions, level=level, version=version, year=_int(request.GET.get("year"))
    )
    return {
        "indicators": indicators, "indicator": indicator, "levels": levels or [level], "level": level,
        "versions": versions, "version": version, "regions": regions, "data": data, "title": str(keys[indicator]),
    }  # fmt: skip


@require_safe
@public_page(depends_on=EVERYTHING, vary_on=("version", "level", "indicator", "year"))  # indicators of every app
def region_map(request):
    state = _map_state(request)
    data, regions, title = state["data"], state["regions"], state["title"]
    svg = choropleth_svg(regions=regions, values=data.values, legend=data.legend, title=title, colour=data.colour)
    query = request.GET.copy()
    query["indicator"], query["level"], query["version"] = state["indicator"], state["level"], state["version"]
    context = {
        **state,
        "svg": svg if regions else "",
        "rows": [(region, data.labels.get(region.id, "")) for region in regions],
        "source": getattr(data, "source", ""),
        "year_text": getattr(data, "year_text", ""),
        "message": getattr(data, "message", ""),
        "years": getattr(data, "years", []),
        "year": getattr(data, "year", None),
        "csv_query": query.urlencode(),
        "no_data_colour": NO_DATA,
    }
    return render(request, "regions/region_map.html", context)


@require_safe
def region_map_csv(request):
    state = _map_state(request)
    data = state["data"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = state["indicator"].replace(":", "-")
    response["Content-Disposition"] = f'attachment; filename="map-{name}-nuts{state["level"]}-{state["version"]}.csv"'
    write_map_csv(response, state=state, data=data)
    return response


@require_safe
@public_page(depends_on=(REGIONS, ORGANISATIONS), vary_on=("version",))
def region_network(request, code):
    region = selectors.region_get(code=code, version=_int(request.GET.get("version")))
    links = selectors.region_links(region=region, user=request.user)
    organisations = list(selectors.region_organisations(region=region, user=request.user)[:200])
    svg = network_svg(organisations=organisations, links=links, focus_region=region)
    return render(
        request,
        "regions/network.html",
        {"region": region, "links": links, "organisations": organisations, "svg": svg},
    )


@require_safe
@public_page(depends_on=(REGIONS, ORGANISATIONS))
def network(request):
    links = list(selectors.link_list(user=request.user)[:500])
    organisations = {link.source for link in links} | {link.target for link in links}
    svg = network_svg(organisations=sorted(organisations, key=lambda o: o.name), links=links, focus_region=None)
    return render(
        request, "regions/network.html", {"region": None, "links": links, "organisations": organisations, "svg": svg}
    )


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


def _allowed_region_ids(user):
    return None if is_coordinator(user) else official_region_ids(user)


@login_required
def population_group_create(request):
    if not permissions.can_create_population_group(request.user):
        raise PermissionDenied
    form = forms.PopulationGroupForm(request.POST or None, allowed_region_ids=_allowed_region_ids(request.user))
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
    form = forms.PopulationGroupForm(
        request.POST or None, instance=group, allowed_region_ids=_allowed_region_ids(request.user)
    )
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


# Organisations ----------------------------------------------------------------


@require_safe
@public_page(
    depends_on=(REGIONS, ORGANISATIONS),
    vary_on=("region", "country", "kind", "stage", "status", "page"),
    uncached_on=("search",),
)
def organisation_list(request):
    organisations = selectors.organisation_list(user=request.user, filters=request.GET)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "regions/organisation_list.html",
        {"page": page, "filter": OrganisationFilter(request.GET or None), "query": query.urlencode()},
    )


def _revision_changes(organisation, revision) -> list[tuple[str, str, str]]:
    """(label, approved value, proposed value) for each field the revision changes."""
    proposed = Organisation(region=revision.region, **revision.data)
    rows = []
    if revision.region_id != organisation.region_id:
        rows.append((_("Region"), str(organisation.region), str(revision.region)))
    for name in ORGANISATION_EDITABLE_FIELDS:
        before, after = getattr(organisation, name), getattr(proposed, name)
        if before != after:
            if name == "kind":
                before, after = organisation.get_kind_display(), proposed.get_kind_display()
            elif name == "value_chain_stages":
                before, after = ", ".join(organisation.stage_labels()), ", ".join(proposed.stage_labels())
            rows.append((capfirst(Organisation._meta.get_field(name).verbose_name), before, after))
    return rows


@require_safe
def organisation_detail(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    can_contacts = permissions.can_view_contacts(request.user, organisation)
    links = list(selectors.link_list(user=request.user).filter(Q(source=organisation) | Q(target=organisation)))
    revision = selectors.pending_revisions_visible_to(user=request.user).filter(organisation=organisation).first()
    can_review = permissions.can_review_organisation(request.user, organisation)
    return render(
        request,
        "regions/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": list(organisation.contacts.all()) if can_contacts else None,
            "links": links,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
            "can_review": can_review,
            "review_form": forms.OrganisationReviewForm(),
            "revision": revision,
            "revision_changes": _revision_changes(organisation, revision) if revision else [],
        },
    )


def _form_errors_from(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def organisation_register(request):
    if not permissions.can_register_organisation(request.user):
        raise PermissionDenied
    initial = {"region_code": request.GET.get("region", "")}
    form = forms.OrganisationForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            organisation = services.organisation_register(
                data=data,
                region=form.cleaned_data["region_code"],
                user=request.user,
                approved=is_coordinator(request.user),
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            if organisation.status == organisation.Status.PENDING:
                messages.success(request, _("Thank you: a coordinator will review the registration."))
            else:
                messages.success(request, _("Organisation added."))
            return redirect("regions:organisation-detail", pk=organisation.pk)
    return render(request, "regions/organisation_form.html", {"form": form, "organisation": None})


def _proposed_initial(revision) -> dict | None:
    return {**revision.data, "region_code": revision.region.code} if revision else None


@login_required
def organisation_edit(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    reviewed = not permissions.edits_apply_at_once(request.user, organisation)
    pending = services.organisation_pending_revision(organisation=organisation) if reviewed else None
    form = forms.OrganisationForm(
        request.POST or None, instance=organisation, user=request.user, proposed=_proposed_initial(pending)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            revision = services.organisation_update(
                organisation=organisation,
                data=data,
                region=form.cleaned_data["region_code"],
                user=request.user,
                reviewed=reviewed,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            if revision is not None:
                messages.success(
                    request,
                    _("Thank you: a coordinator will review your changes. Until then the approved version is shown."),
                )
            elif reviewed:
                messages.success(request, _("Saved: a coordinator will review the registration."))
            else:
                messages.success(request, _("Organisation saved."))
            return redirect("regions:organisation-detail", pk=pk)
    return render(
        request,
        "regions/organisation_form.html",
        {"form": form, "organisation": organisation, "pending": pending, "reviewed": reviewed},
    )


@login_required
@require_POST
def organisation_review(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_review_organisation(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.organisation_review(
            organisation=organisation, approve=approve, note=form.cleaned_data["note"], user=request.user
        )
        messages.success(request, _("Organisation approved.") if approve else _("Organisation rejected."))
    return redirect("regions:organisation-detail", pk=pk)


@login_required
@require_POST
def organisation_revision_review(request, pk):
    revision = get_object_or_404(selectors.pending_revisions_visible_to(user=request.user), pk=pk)
    organisation = revision.organisation
    if not permissions.can_review_organisation(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.organisation_revision_review(
                revision=revision, approve=approve, note=form.cleaned_data["note"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Changes approved.") if approve else _("Changes rejected."))
    return redirect("regions:organisation-detail", pk=organisation.pk)


@login_required
@require_POST
def link_review(request, pk):
    link = get_object_or_404(selectors.link_list(user=request.user), pk=pk)
    if not permissions.can_review_link(request.user, link):
        raise PermissionDenied
    form = forms.OrganisationReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.link_review(link=link, approve=approve)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Link approved.") if approve else _("Link rejected and removed."))
    return redirect("regions:organisation-detail", pk=link.source_id)


@login_required
def contact_create(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_view_contacts(request.user, organisation):
        raise PermissionDenied
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_create(organisation=organisation, data=form.cleaned_data, user=request.user)
        messages.success(request, _("Contact added."))
        return redirect("regions:organisation-detail", pk=pk)
    return render(request, "regions/contact_form.html", {"form": form, "organisation": organisation})


def _contact_for(request, pk) -> Contact:
    contact = selectors.contact_list(user=request.user).filter(pk=pk).first()
    if contact is None:
        raise Http404("No such contact.")
    return contact


@require_safe
@login_required
def contact_export(request, pk):
    contact = _contact_for(request, pk)
    if not permissions.can_manage_contact(request.user, contact):
        raise PermissionDenied
    response = HttpResponse(
        json.dumps(services.contact_export(contact=contact), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@login_required
def contact_erase(request, pk):
    contact = _contact_for(request, pk)
    if not permissions.can_manage_contact(request.user, contact):
        raise PermissionDenied
    if request.method == "POST":
        organisation_pk = contact.organisation_id
        services.contact_erase(contact=contact, user=request.user)
        messages.success(request, _("The contact's personal data was erased."))
        return redirect("regions:organisation-detail", pk=organisation_pk)
    return render(request, "regions/contact_erase.html", {"contact": contact})


@login_required
def link_create(request, pk):
    source = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_edit_organisation(request.user, source):
        raise PermissionDenied
    form = forms.LinkForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        reviewed = not permissions.link_applies_at_once(request.user, source, target)
        try:
            services.link_create(
                source=source,
                target=target,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                user=request.user,
                reviewed=reviewed,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request, _("Link recorded: a coordinator will review it.") if reviewed else _("Link added.")
            )
            return redirect("regions:organisation-detail", pk=pk)
    return render(request, "regions/link_form.html", {"form": form, "organisation": source})
