"""Public pages: the module catalogue, a module, dependencies, a region's roadmap and partners."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from mapping.models import Theme
from regions.models import RisGroup
from regions.typologies import INNOVATION_GROUPS, TYPOLOGY_CHOICES
from roadmap import caching, extensions, matchmaking, permissions, selectors
from roadmap.models import ActorType, CostLevel, Horizon, RoadmapItem
from roadmap.presentation import dependency_svg, phase_timeline
from saphire.i18n import active_language


def _lang(request: HttpRequest) -> str:
    return active_language()


def _public_body(request: HttpRequest, template: str, build) -> str:
    body = render_to_string(template, build(), request)
    return mark_safe(body)  # noqa: S308 (rendered by our autoescaping template)


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
                typology=params["typology"] if params["typology"] not in INNOVATION_GROUPS else "",
            ).defer("data", "body", "changes")[:60]
        )
        roadmaps = list(
            selectors.public_roadmaps(
                q=params["q"],
                lang=lang,
                theme=params["theme"],
                typology=params["typology"],
                innovation_group=params["group"],
            ).only(
                "number",
                "module_codes",
                "region__code",
                "region__name",
                "region__name_national",
                "region__country_code",
            )[:60]
        )
        return {
            "params": params,
            "modules": modules,
            "roadmaps": roadmaps,
            "themes": Theme.objects.filter(is_active=True),
            "horizons": Horizon.choices,
            "costs": CostLevel.choices,
            "typologies": TYPOLOGY_CHOICES,
            "groups": RisGroup.choices,
            "filtered": any(params.values()),
            "lang": lang,
            "other_results": extensions.search(q=params["q"], lang=lang) if params["q"] else [],
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
            "other_evidence": extensions.module_evidence(code=code),
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
        phases = phase_timeline(version.data, lang=_lang(request))
        notes = extensions.item_notes(region=region, version=version)
        for phase in phases:
            for item in phase["items"]:
                item["notes_from_others"] = notes.get(item["code"], [])
        return {
            "region": region,
            "version": version,
            "phases": phases,
            "roadmap_notes": notes.get("", []),
            "timeline": selectors.roadmap_timeline(roadmap_id=version.roadmap_id),
            "history": selectors.roadmap_history(roadmap_id=version.roadmap_id),
            "pilots": selectors.region_pilots(region=region),
            "statuses": dict(RoadmapItem.Status.choices),
        }

    body = _public_body(request, "roadmap/_region_body.html", build)
    links = extensions.links(region=region, user=request.user) if request.user.is_authenticated else []
    return render(
        request,
        "roadmap/region_roadmap.html",
        {"body": body, "region": region, "can_edit": can_edit, "links": links},
    )


@require_GET
# Partners follow findings and mapping scores, which change without a publication: a short lifetime.
@caching.public_page(seconds=120)
def region_partners(request: HttpRequest, nuts_code: str) -> HttpResponse:
    region = selectors.region_by_code(code=nuts_code)
    gaps = matchmaking.region_gaps(region=region)
    partners = matchmaking.partner_regions(region=region, gaps=gaps)
    for partner in partners:
        partner.links = extensions.interest_links(target=partner.region, user=request.user)
    return render(
        request,
        "roadmap/partners.html",
        {
            "region": region,
            "partners": partners,
            "shared": matchmaking.shared_gap_regions(region=region),
            "gaps": gaps,
        },
    )
