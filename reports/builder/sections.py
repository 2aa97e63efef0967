"""The report's sections, each read from the app that owns its data."""

from dataclasses import dataclass, field
from statistics import mean

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mapping.analytics import region_theme_scores
from mapping.models import Finding, Theme
from regions.maps import ATTRIBUTION, NO_DATA
from regions.models import Indicator, Region
from regions.print_map import print_map_svg
from regions.statistics.profile import region_statistics
from reports import charts
from reports.matching import Match
from reports.models import Recommendation
from roadmap.matchmaking import Partner, partner_regions
from roadmap.models import PHASES, RoadmapItem, RoadmapVersion
from roadmap.selectors import module_suggestions, region_pilots
from workshops.models import Event

TOP_GAPS = 8
TOP_STRENGTHS = 6
MAX_PARTNERS = 6
PEER_GROUPS = ("innovation_group", "typology", "country", "similar")
# The recommendations in three parts, as a ministry reads them.
RECOMMENDATION_PARTS = [
    ("policy", (Recommendation.Kind.POLICY,)),
    ("funding", (Recommendation.Kind.FUNDING, Recommendation.Kind.INVESTMENT)),
    ("cooperation", (Recommendation.Kind.COOPERATION,)),
]


@dataclass
class Section:
    key: str
    title: str
    missing: str = ""
    data: dict = field(default_factory=dict)


def _number(value: float, decimals: int = 0) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def profile_section(region: Region) -> Section:
    facts = [(_("NUTS code"), region.code), (_("Level"), f"NUTS {region.level} ({region.nuts_version})")]
    if region.name_national and region.name_national != region.name:
        facts.append((_("National name"), region.name_national))
    if region.parent_id:
        facts.append((_("Part of"), f"{region.parent.name} ({region.parent.code})"))
    statistics = region_statistics(region=region)
    figures = [
        {
            "label": fact.indicator.label,
            "value": f"{_number(fact.value, 0 if abs(fact.value) >= 100 else 1)} {fact.indicator.unit}".strip(),
            "year": fact.year or fact.indicator.year_note,
            "source": fact.indicator.dataset,
            "flags": fact.flag_labels,
        }
        for fact in sorted(statistics.facts.values(), key=lambda f: (f.indicator.order, f.indicator.code))
        if fact.indicator.kind == Indicator.Kind.NUMBER and fact.value is not None
    ]
    if not figures and region.population:
        figures.append(
            {"label": _("Population"), "value": _number(region.population), "year": "", "source": "", "flags": []}
        )
    missing = ""
    if not region.ris_group and not region.typology_labels():
        missing = _("No typology and no innovation group are recorded for this region yet.")
    return Section(
        "profile",
        _("Region profile"),
        missing=missing,
        data={
            "facts": facts,
            "figures": figures,
            "licences": sorted({f.indicator.licence for f in statistics.facts.values() if f.indicator.licence}),
            "typologies": [str(label) for label in region.typology_labels()],
            "ris": region.ris_label,
            "ris_year": region.ris_year,
            "notes": region.health_system_notes,
            "population_groups": list(region.population_groups.order_by("name")),
        },
    )


def peer_scores(region: Region, peers: dict[str, list[int]], campaign_id: int | None) -> tuple[dict, dict]:
    """(the region's own scores, each peer region's scores).

    The region's own come from the chosen campaign; a peer that did not answer it counts with its
    latest accepted answers, as on the region's results page, so the benchmark is not left empty.
    """
    others = sorted({pk for group in peers.values() for pk in group})
    chosen = region_theme_scores(region_ids=[region.pk, *others], campaign_id=campaign_id)
    own = chosen.pop(region.pk, {})
    if campaign_id is not None:
        missing = [pk for pk in others if pk not in chosen]
        if missing:
            chosen.update(region_theme_scores(region_ids=missing))
    return own, chosen


def scores_section(
    region: Region, campaign_id: int | None, themes: list[Theme], peers: dict[str, list[int]]
) -> tuple[Section, dict, dict]:
    title = _("Theme scores compared with peer regions")
    own, others = peer_scores(region, peers, campaign_id)
    averages: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for key in PEER_GROUPS:
        rows = [others[pk] for pk in peers.get(key, []) if pk in others]
        counts[key] = len(rows)
        if rows:
            averages[key] = {
                theme.code: mean(r[theme.code] for r in rows if theme.code in r)
                for theme in themes
                if any(theme.code in r for r in rows)
            }
    peer_labels = {
        "innovation_group": _("Same innovation group (%(n)s)") % {"n": counts["innovation_group"]},
        "typology": _("Same typology (%(n)s)") % {"n": counts["typology"]},
        "country": _("Same country (%(n)s)") % {"n": counts["country"]},
        "similar": _("Most similar by statistics (%(n)s)") % {"n": counts["similar"]},
    }
    groups = [key for key in PEER_GROUPS if key in averages]
    table = [
        {
            "code": theme.code,
            "name": theme.name,
            "score": own.get(theme.code),
            "peers": [averages[key].get(theme.code) for key in groups],
            **{key: averages.get(key, {}).get(theme.code) for key in PEER_GROUPS},
        }
        for theme in themes
    ]
    data = {"table": table, "groups": [(key, peer_labels[key]) for key in groups], "averages": averages}
    if not own:
        missing = _("No accepted survey answers for this region yet, so there are no theme scores.")
        return Section("scores", title, missing=missing, data=data), own, averages
    data["chart"] = charts.theme_scores_svg(
        rows=[(theme.code, theme.name, own.get(theme.code)) for theme in themes],
        peers=averages,
        peer_labels=peer_labels,
        title=_("Scores by theme: %(region)s and its peers") % {"region": region.name},
        description=_("Bars show the region's score (0-100) per theme; markers show the peer groups' averages."),
        region_label=region.name,
    )
    return Section("scores", title, data=data), own, averages


def map_section(region: Region, peers: dict[str, list[int]], partner_ids: list[int]) -> Section:
    title = _("Map")
    colours = {"region": "#a11d1d", "partner": "#0b6b63", "peer": "#9ecae1"}
    fills: dict[int, str] = dict.fromkeys(peers.get("innovation_group", []), colours["peer"])
    fills.update(dict.fromkeys(partner_ids, colours["partner"]))
    fills[region.pk] = colours["region"]
    labels = {"region": region.name, "partner": _("Partner regions"), "peer": _("Same innovation group")}
    caption = _("%(region)s, its partner regions and its innovation group") % {"region": region.name}
    svg = print_map_svg(level=region.level, version=region.nuts_version, fills=fills, title=caption)
    if not svg:
        return Section("map", title, missing=_("No region boundaries have been imported, so the map cannot be drawn."))
    legend = [(colours[key], labels[key]) for key in ("region", "partner", "peer")] + [(NO_DATA, _("No data"))]
    return Section("map", title, data={"svg": svg, "caption": caption, "legend": legend, "attribution": _(ATTRIBUTION)})


def findings_sections(findings: list[Finding], confidence: dict[int, dict]) -> list[Section]:
    confirmed = [f for f in findings if f.status == Finding.Status.CONFIRMED]
    problems = [f for f in confirmed if f.kind in (Finding.Kind.GAP, Finding.Kind.BARRIER)]
    assets = [f for f in confirmed if f.kind in (Finding.Kind.STRENGTH, Finding.Kind.BEST_PRACTICE)]
    problems.sort(key=lambda f: (-f.severity, f.theme.order, f.pk))
    assets.sort(key=lambda f: (-f.severity, f.theme.order, f.pk))
    for finding in problems:
        finding.confidence = confidence.get(finding.theme_id)
    return [
        Section(
            "gaps",
            _("Gaps and barriers"),
            missing="" if problems else _("No confirmed gaps or barriers are recorded for this region yet."),
            data={"findings": problems[:TOP_GAPS], "more": max(0, len(problems) - TOP_GAPS)},
        ),
        Section(
            "strengths",
            _("Strengths and best practices"),
            missing="" if assets else _("No confirmed strengths or best practices are recorded for this region yet."),
            data={"findings": assets[:TOP_STRENGTHS], "more": max(0, len(assets) - TOP_STRENGTHS)},
        ),
    ]


def outcomes_section(region: Region, findings: list[Finding], priorities: list) -> Section:
    """The site visits and workshops held in the region, what they found and the priorities voted."""
    events = list(
        Event.objects.filter(
            host_regions=region,
            status=Event.Status.HELD,
            kind__in=(Event.Kind.SITE_VISIT, Event.Kind.WORKSHOP),
        ).order_by("-starts_at")[:6]
    )
    found = [f for f in findings if f.status == Finding.Status.CONFIRMED and f.source == Finding.Source.WORKSHOP]
    return Section(
        "outcomes",
        _("Site visit and workshop outcomes"),
        missing=""
        if events or found or priorities
        else _("No site visit or workshop has been held, and no priority voted, for this region yet."),
        data={"events": events, "findings": found[:10], "priorities": priorities},
    )


def recommendations_section(matches: list[Match]) -> Section:
    labels = {
        "policy": _("Policy"),
        "funding": _("Funding and investment"),
        "cooperation": _("Interregional collaboration"),
    }
    parts = []
    for key, kinds in RECOMMENDATION_PARTS:
        items = [m for m in matches if m.recommendation.kind in kinds]
        if items:
            parts.append({"key": key, "label": labels[key], "matches": items})
    return Section(
        "recommendations",
        _("Recommendations"),
        missing=""
        if matches
        else _("No recommendation of the library is triggered by this region's confirmed findings or scores."),
        data={"groups": parts},
    )


def current_roadmap(region: Region) -> RoadmapVersion | None:
    return RoadmapVersion.objects.filter(region=region, is_current=True).order_by("-number").first()


def roadmap_section(region: Region, version: RoadmapVersion | None, suggestions: list) -> Section:
    """The region's published roadmap as a timeline by phase, then further modules suggested."""
    phases = dict(PHASES)
    statuses = dict(RoadmapItem.Status.choices)
    items = []
    if version is not None:
        items = [
            {
                **item,
                "phase_label": phases.get(item.get("phase"), item.get("phase")),
                "status_label": statuses.get(item.get("status"), item.get("status")),
            }
            for item in sorted(version.data.get("items", []), key=lambda i: (i.get("phase", 0), i.get("order", 0)))
        ]
    timeline = []
    if version is not None:
        start, span = version.data.get("start_year"), version.data.get("phase_years")
        for number, label in PHASES:
            phase_items = [i for i in items if i.get("phase") == number]
            if not phase_items:
                continue
            years = ""
            if start and span:
                first = start + (number - 1) * span
                years = f"{first}–{first + span - 1}" if span > 1 else str(first)
            timeline.append({"label": label, "years": years, "items": phase_items})
    planned = {item["code"] for item in items}
    suggestions = [s for s in suggestions if s.module.code not in planned][:8]
    missing = ""
    if not items and not suggestions:
        missing = _("No roadmap module is planned or suggested for this region yet.")
    return Section(
        "roadmap",
        _("Suggested roadmap"),
        missing=missing,
        data={"items": items, "timeline": timeline, "suggestions": suggestions, "version": version},
    )


def partners_section(partners: list[Partner]) -> Section:
    return Section(
        "partners",
        _("Partner regions for interregional projects"),
        missing="" if partners else _("No partner region covers this region's gaps yet."),
        data={"partners": partners},
    )


def funding_section(region: Region, matches: list[Match]) -> Section:
    pilots = region_pilots(region=region)[:8]
    instruments = {i.pk: i for m in matches for i in m.recommendation.funding_instruments.all()}
    ordered = sorted(instruments.values(), key=lambda i: (i.level, i.name))
    missing = "" if pilots or ordered else _("No pilot involves this region and no funding instrument fits yet.")
    return Section(
        "funding", _("Pilots and funding instruments"), missing=missing, data={"pilots": pilots, "instruments": ordered}
    )


def region_partners(region: Region) -> list[Partner]:
    return partner_regions(region=region, limit=MAX_PARTNERS)


def region_suggestions(region: Region) -> list:
    return module_suggestions(region=region)
