"""Regions: the list, a profile and its edit, the map and the networks."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from regions import forms, permissions, selectors, services
from regions.filters import RegionFilter
from regions.indicators import indicator_choices, map_data
from regions.map_artefact import map_artefact
from regions.maps import NO_DATA, choropleth_svg, region_url
from regions.models import Organisation, OrganisationKind, ValueChainStage
from regions.network import network_svg
from regions.statistics.charts import trend_svg
from regions.statistics.export import write_map_csv
from regions.statistics.peers import similar_regions
from regions.statistics.profile import region_statistics
from saphire import plugins
from saphire.page_cache import EVERYTHING, ORGANISATIONS, REGIONS, cached_fragment, public_page
from saphire.profile import ProfileSection


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
    return [
        section
        for app_sections in plugins.region_profile_sections
        for section in app_sections(region=region, user=user)
    ]


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


@dataclass(frozen=True)
class OrganisationRow:
    """One line of a profile's organisation table, its labels and link written once for the table."""

    pk: int
    name: str
    url: str
    status: str
    status_label: str
    region_id: int
    region_code: str
    kind_label: str
    stages: str


# The columns the table shows: an organisation's texts and its region's other columns stay unread.
ROW_FIELDS = ("id", "name", "kind", "value_chain_stages", "status", "region_id", "region__code")
_MARK = 987654321


def _organisation_rows(organisations) -> list[OrganisationRow]:
    """Up to 200 rows: each label is translated once per table, not once per row."""
    url = reverse("regions:organisation-detail", args=[_MARK])
    kinds = {code: str(label) for code, label in OrganisationKind.choices}
    stages = {code: str(label) for code, label in ValueChainStage.choices}
    statuses = {code: str(label) for code, label in Organisation.Status.choices}
    return [
        OrganisationRow(
            pk=o.pk,
            name=o.name,
            url=url.replace(str(_MARK), str(o.pk)),
            status=o.status,
            status_label=statuses.get(o.status, o.status),
            region_id=o.region_id,
            region_code=o.region.code,
            kind_label=kinds.get(o.kind, o.kind),
            stages=", ".join(stages.get(c, c) for c in o.value_chain_stages),
        )
        for o in organisations
    ]


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


def _statistics_fragment(region) -> dict:
    """The statistics, peers, outline and neighbours in the classification of a region, and its population
    groups: the same for everyone, redone when regions change."""
    context = _statistics_context(region)
    stats = context["stats"]
    ancestors, children, shape = selectors.region_family(region=region)
    outline = ""
    if shape:
        region.geometry = shape
        outline = choropleth_svg(regions=[region], values={}, legend=[], title=str(region), link=False)
    return {
        "statistics_html": render_to_string("regions/_statistics.html", {**context, "region": region}),
        "has_typologies": bool(stats.typologies or stats.aggregates),
        "map_svg": outline,
        "ancestors": ancestors,
        "children": children,
        "population_groups": list(selectors.region_population_groups(region=region)),
    }


def _ecosystem(region, user) -> dict:
    organisations = list(selectors.region_organisations(region=region, user=user).only(*ROW_FIELDS)[:200])
    return {
        "organisations": _organisation_rows(organisations),
        "pending_count": sum(o.status == o.Status.PENDING for o in organisations),
        "stage_coverage": _stage_coverage(organisations),
        "link_count": selectors.region_link_count(region=region, user=user),
    }


def _ecosystem_fragment(request, region) -> dict:
    """The organisations a visitor may see: the same for every anonymous visitor, so kept for them."""
    if request.user.is_authenticated:
        return _ecosystem(region, request.user)
    return cached_fragment(
        "profile-ecosystem", region.pk, depends_on=(REGIONS, ORGANISATIONS),
        compute=lambda: _ecosystem(region, request.user),
    )  # fmt: skip


def _sections_html(request, region) -> list[tuple[ProfileSection, str]]:
    """Other apps' sections; for anonymous visitors, kept until what they show changes."""
    if request.user.is_authenticated:
        return _render_sections(request, region)
    return cached_fragment(
        "profile-sections", region.pk, depends_on=EVERYTHING, compute=lambda: _render_sections(request, region)
    )


@require_safe
@public_page(depends_on=EVERYTHING, vary_on=("version",))  # its sections come from every app
def region_detail(request, code):
    region, versions = selectors.region_and_versions(
        code=code, version=_int(request.GET.get("version")), geometry=False
    )
    context = {
        "region": region,
        "versions": versions,
        **_ecosystem_fragment(request, region),
        "can_edit": permissions.can_edit_region(request.user, region),
        "changes": selectors.region_changes(region=region, limit=10) if request.user.is_authenticated else [],
        "sections": _sections_html(request, region),
        **cached_fragment(
            "profile-statistics", region.pk, depends_on=(REGIONS,), compute=lambda: _statistics_fragment(region)
        ),
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


def _map_choice(request) -> dict:
    """What the map shows, from the query string, each value checked against what exists."""
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
    return {
        "indicators": indicators, "indicator": indicator, "levels": levels or [level], "level": level,
        "versions": versions, "version": version, "title": str(keys[indicator]),
    }  # fmt: skip


def _map_state(request) -> dict:
    """The choice and the values it maps: the CSV download's."""
    state = _map_choice(request)
    regions = list(selectors.map_regions(level=state["level"], version=state["version"]))
    data = map_data(
        indicator=state["indicator"], regions=regions, level=state["level"], version=state["version"],
        year=_int(request.GET.get("year")),
    )  # fmt: skip
    return {**state, "regions": regions, "data": data}


@require_safe
@public_page(depends_on=EVERYTHING, vary_on=("version", "level", "indicator", "year"))  # indicators of every app
def region_map(request):
    state = _map_choice(request)
    artefact = map_artefact(
        indicator=state["indicator"], title=state["title"], level=state["level"], version=state["version"],
        year=_int(request.GET.get("year")),
    )  # fmt: skip
    query = request.GET.copy()
    query["indicator"], query["level"], query["version"] = state["indicator"], state["level"], state["version"]
    context = {
        **state,
        "map": artefact,
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
