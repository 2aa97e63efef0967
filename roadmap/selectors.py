"""Reads of the roadmap app; the public only ever sees published versions."""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.analytics import region_theme_scores
from mapping.models import Finding, Theme
from regions.models import Region
from regions.typologies import region_tags, typology_q
from roadmap import search
from roadmap.models import (
    FundingInstrument,
    Module,
    ModuleVersion,
    Pilot,
    PilotFunding,
    RegionRoadmap,
    RoadmapEvent,
    RoadmapItem,
    RoadmapVersion,
)
from saphire import roles
from saphire.i18n import localized_names
from saphire.scores import score_text
from workshops.selectors import region_priorities

# Public modules ------------------------------------------------------------------------


def public_modules(
    *,
    q: str = "",
    lang: str = "en",
    theme: str = "",
    horizon: str = "",
    cost: str = "",
    typology: str = "",
) -> QuerySet[ModuleVersion]:
    # The stored search document is large and only PostgreSQL needs it.
    qs = ModuleVersion.objects.filter(is_current=True).defer("search_document")
    if theme:
        qs = qs.filter(theme_codes__contains=[theme])
    if horizon:
        qs = qs.filter(horizons__contains=[horizon])
    if cost:
        qs = qs.filter(cost_levels__contains=[cost])
    if typology:
        qs = qs.filter(data__typologies__contains=[typology])
    qs = search.search_modules(qs, q=q, lang=lang)
    return qs.order_by("-rank", "code") if q else qs.order_by("code")


def public_module(*, code: str) -> ModuleVersion:
    version = ModuleVersion.objects.filter(is_current=True, code=code).defer("search_document").first()
    if version is None:
        raise Http404(_("No published module with this code."))
    return version


def module_history(*, module_id: int) -> list[ModuleVersion]:
    return list(
        ModuleVersion.objects.filter(module_id=module_id).only("number", "changes", "published_at").order_by("-number")
    )


def regions_using_module(*, code: str) -> list[RoadmapVersion]:
    return list(
        RoadmapVersion.objects.filter(is_current=True, module_codes__contains=[code])
        .select_related("region")
        # The region's country and national name too: the name's tag reads them to mark its language.
        .only("title", "region__code", "region__name", "region__name_national", "region__country_code", "published_at")
        .order_by("region__code")
    )


def module_dependency_layers() -> list[list[ModuleVersion]]:
    """Published modules in layers: each module sits one layer after its deepest prerequisite."""
    versions = list(
        ModuleVersion.objects.filter(is_current=True)
        .only("code", *localized_names("title"), "prerequisite_codes", "theme_codes")
        .order_by("code")
    )
    by_code = {v.code: v for v in versions}
    depth: dict[str, int] = {}

    def layer(code: str, trail: frozenset = frozenset()) -> int:
        if code in depth:
            return depth[code]
        # Versions are frozen one module at a time, so a cycle across them is possible in principle.
        prereqs = [p for p in by_code[code].prerequisite_codes if p in by_code and p not in trail]
        depth[code] = 1 + max((layer(p, trail | {code}) for p in prereqs), default=-1)
        return depth[code]

    layers: list[list[ModuleVersion]] = []
    for version in versions:
        n = layer(version.code)
        while len(layers) <= n:
            layers.append([])
        layers[n].append(version)
    return layers


# Public roadmaps ---------------------------------------------------------------------


def public_roadmaps(
    *,
    q: str = "",
    lang: str = "en",
    theme: str = "",
    typology: str = "",
    innovation_group: str = "",
    module_codes: list[str] | None = None,
) -> QuerySet[RoadmapVersion]:
    # The region's outline is for maps, not for lists of roadmaps.
    qs = (
        RoadmapVersion.objects.filter(is_current=True)
        .select_related("region")
        .defer("search_document", "region__geometry", "region__label_point")
    )
    qs = qs.filter(typology_q(typology, prefix="region__"))
    if innovation_group:
        qs = qs.filter(region__ris_group=innovation_group)
    if module_codes is not None:
        qs = qs.filter(module_codes__overlap=module_codes)
    if theme:
        qs = qs.filter(data__items__contains=[{"themes": [theme]}])
    qs = search.search_roadmaps(qs, q=q, lang=lang)
    return qs.order_by("-rank", "region__code") if q else qs.order_by("region__code")


def public_roadmap(*, region_code: str) -> RoadmapVersion:
    version = (
        RoadmapVersion.objects.filter(is_current=True, region__code=region_code)
        .select_related("region")
        .defer("search_document")
        .order_by("-region__nuts_version")
        .first()
    )
    if version is None:
        raise Http404(_("This region has no published roadmap."))
    return version


def roadmap_history(*, roadmap_id: int) -> list[RoadmapVersion]:
    return list(
        RoadmapVersion.objects.filter(roadmap_id=roadmap_id)
        .only("number", "changes", "published_at")
        .order_by("-number")
    )


def roadmap_timeline(*, roadmap_id: int, limit: int = 100) -> list[RoadmapEvent]:
    """Status changes and publications: the public story of the roadmap."""
    return list(
        RoadmapEvent.objects.filter(
            roadmap_id=roadmap_id, kind__in=[RoadmapEvent.Kind.STATUS, RoadmapEvent.Kind.PUBLISHED]
        ).order_by("-at", "-id")[:limit]
    )


# Editing --------------------------------------------------------------------------------


def editable_roadmap(*, region: Region) -> RegionRoadmap | None:
    return (
        RegionRoadmap.objects.filter(region=region)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=RoadmapItem.objects.select_related("module")
                .prefetch_related("milestones", "module__prerequisites")
                .order_by("phase", "order", "id"),
            )
        )
        .first()
    )


def module_list_for_curation(*, user: User) -> QuerySet[Module]:
    if not roles.is_coordinator(user):
        return Module.objects.none()
    return Module.objects.annotate(latest_version=Max("versions__number")).order_by("code")


def region_by_code(*, code: str) -> Region:
    region = Region.objects.filter(code=code).order_by("-nuts_version").first()
    if region is None:
        raise Http404(_("No region with this code."))
    return region


# Suggestions -----------------------------------------------------------------------------


@dataclass
class Suggestion:
    module: Module
    score: float
    reasons: list[str] = field(default_factory=list)
    in_roadmap: bool = False


def module_suggestions(*, region: Region) -> list[Suggestion]:
    """Published modules ranked for a region, each with the reasons it is suggested.

    Weights: a confirmed gap or barrier counts its severity x 10; a theme score under 60/100
    counts (60 - score) / 2; a workshop priority counts (6 - rank) x 8; a module written for
    the region's typology adds 10. Modules with no reason are left out.
    """
    themes = {t.pk: t for t in Theme.objects.all()}
    weights: dict[int, float] = {}
    reasons: dict[int, list[str]] = {}

    def add(theme_id: int, weight: float, reason: str) -> None:
        weights[theme_id] = weights.get(theme_id, 0) + weight
        reasons.setdefault(theme_id, []).append(reason)

    gaps = (
        Finding.objects.filter(
            region=region, status=Finding.Status.CONFIRMED, kind__in=[Finding.Kind.GAP, Finding.Kind.BARRIER]
        )
        .order_by("-severity", "title")
        .values_list("theme_id", "severity", "title", "kind")
    )
    for theme_id, severity, title, kind in gaps:
        add(
            theme_id,
            severity * 10,
            _("confirmed %(kind)s “%(title)s” (severity %(severity)s/5)")
            % {"kind": Finding.Kind(kind).label.lower(), "title": title, "severity": severity},
        )
    code_to_id = {t.code: pk for pk, t in themes.items()}
    scores = region_theme_scores(region_ids=[region.pk]).get(region.pk, {})
    for code, score in sorted(scores.items(), key=lambda kv: kv[1]):
        if code in code_to_id and score < 60:
            add(
                code_to_id[code],
                (60 - score) / 2,
                _("%(theme)s scored %(score)s/100")
                % {"theme": themes[code_to_id[code]].name.lower(), "score": score_text(score)},
            )
    for priority in region_priorities(region_id=region.pk):
        if priority.theme_id:
            add(
                priority.theme_id,
                max(6 - priority.rank, 1) * 8,
                _("priority %(rank)s at %(source)s")
                % {
                    "rank": priority.rank,
                    "source": priority.source_title
                    or _("the workshop of %(date)s") % {"date": priority.decided_at.date()},
                },
            )
    tags = region_tags(region)
    in_roadmap = set(RoadmapItem.objects.filter(roadmap__region=region).values_list("module_id", flat=True))
    suggestions = []
    modules = Module.objects.filter(status=Module.Status.PUBLISHED).prefetch_related("themes").order_by("code")
    for module in modules:
        score, why = 0.0, []
        for theme in module.themes.all():
            if theme.pk in weights:
                score += weights[theme.pk]
                why += reasons[theme.pk]
        matching = tags & set(module.typologies)
        if matching and score:
            score += 10
            why.append(_("written for %(tags)s regions") % {"tags": ", ".join(sorted(matching))})
        if score:
            suggestions.append(
                Suggestion(module=module, score=round(score, 1), reasons=why, in_roadmap=module.pk in in_roadmap)
            )
    suggestions.sort(key=lambda s: (-s.score, s.module.code))
    return suggestions


# Pilots -------------------------------------------------------------------------------------


def pilot_list(*, user: User, filters: dict | None = None) -> QuerySet[Pilot]:
    from roadmap.filters import PilotFilter

    qs = Pilot.objects.all() if roles.is_coordinator(user) else Pilot.objects.exclude(status=Pilot.Status.DRAFT)
    qs = (
        qs.select_related("lead_organisation")
        .prefetch_related(
            "regions",
            "modules",
            "partner_organisations",
            Prefetch("funding", queryset=PilotFunding.objects.select_related("instrument")),
        )
        .order_by("-start_date", "title")
    )
    return PilotFilter(filters or {}, qs).qs.distinct()


def region_pilots(*, region: Region) -> list[Pilot]:
    return list(
        Pilot.objects.filter(regions=region)
        .exclude(status=Pilot.Status.DRAFT)
        .prefetch_related("regions")
        .order_by("-start_date")
    )


def funding_instruments() -> list[FundingInstrument]:
    return list(FundingInstrument.objects.order_by("level", "name"))
