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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from regions import forms, permissions, selectors, services
from regions.filters import OrganisationFilter, RegionFilter
from regions.indicators import indicator_choices, map_data
from regions.maps import choropleth_svg, region_url
from regions.models import Contact, PopulationGroup, ValueChainStage
from regions.network import network_svg
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


@require_safe
@public_page(depends_on=EVERYTHING, vary_on=("version", "level", "indicator"))  # indicators of every app
def region_map(request):
    versions = selectors.nuts_versions() or [2021]
    version = _int(request.GET.get("version"), 2021 if 2021 in versions else versions[-1])
    levels = selectors.map_levels(version=version)
    level = _int(request.GET.get("level"), 2 if 2 in levels or not levels else levels[0])
    indicators = indicator_choices()
    indicator = request.GET.get("indicator", "innovation_group")
    if indicator not in dict(indicators):
        indicator = "innovation_group"
    regions = list(selectors.map_regions(level=level, version=version))
    data = map_data(indicator=indicator, regions=regions, level=level, version=version)
    title = str(dict(indicators)[indicator])
    svg = choropleth_svg(regions=regions, values=data.values, legend=data.legend, title=title, colour=data.colour)
    rows = [(region, data.labels.get(region.id, "")) for region in regions]
    context = {
        "svg": svg if regions else "",
        "rows": rows,
        "indicators": indicators,
        "indicator": indicator,
        "levels": levels or [level],
        "level": level,
        "versions": versions,
        "version": version,
        "title": title,
    }
    return render(request, "regions/region_map.html", context)


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
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
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
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
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


@require_safe
def organisation_detail(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    can_contacts = permissions.can_view_contacts(request.user, organisation)
    links = list(selectors.link_list(user=request.user).filter(Q(source=organisation) | Q(target=organisation)))
    return render(
        request,
        "regions/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": list(organisation.contacts.all()) if can_contacts else None,
            "links": links,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
            "can_review": permissions.can_review_organisation(request.user, organisation),
            "review_form": forms.OrganisationReviewForm(),
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
    form = forms.OrganisationForm(request.POST or None, initial=initial)
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


@login_required
def organisation_edit(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.organisation_update(organisation=organisation, data=data, region=form.cleaned_data["region_code"])
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect("regions:organisation-detail", pk=pk)
    return render(request, "regions/organisation_form.html", {"form": form, "organisation": organisation})


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
        try:
            services.link_create(
                source=source,
                target=form.cleaned_data["target"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                user=request.user,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Link added."))
            return redirect("regions:organisation-detail", pk=pk)
    return render(request, "regions/link_form.html", {"form": form, "organisation": source})
