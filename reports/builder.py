"""Gather what the portal knows about a region and render it as the report's HTML and PDF.

Each section is read from the app that owns the data. A section whose provider is not installed
says which data is missing instead of showing anything made up.
"""

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mapping.models import Finding, Theme
from regions.maps import choropleth_svg
from regions.models import Region
from regions.selectors import peer_region_ids
from reports import charts
from reports.matching import Match, match_recommendations
from reports.models import Recommendation

TOP_GAPS = 8
TOP_STRENGTHS = 6
MAX_PARTNERS = 6
CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "reports.css"
# The stylesheet's rules after this line style portal pages only; the document leaves them out.
CSS_PORTAL_MARKER = "/* Report pages in the portal */"


@dataclass
class Section:
    key: str
    title: str
    missing: str = ""
    data: dict = field(default_factory=dict)


def _provider(module: str, name: str):
    """`module.name`, or None while the app that provides it has not got it yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def profile_section(region: Region) -> Section:
    facts = [
        (_("NUTS code"), region.code),
        (_("Level"), f"NUTS {region.level} ({region.nuts_version})"),
        (_("Country"), region.country_code),
    ]
    if region.name_national and region.name_national != region.name:
        facts.append((_("National name"), region.name_national))
    if region.parent_id:
        facts.append((_("Part of"), f"{region.parent.name} ({region.parent.code})"))
    if region.population:
        facts.append((_("Population"), f"{region.population:,}".replace(",", " ")))
    if region.area_km2:
        facts.append((_("Area"), f"{region.area_km2:,.0f} km²".replace(",", " ")))
    if region.density is not None:
        facts.append((_("Density"), f"{region.density:.1f} / km²"))
    groups = list(region.population_groups.order_by("name"))
    missing = ""
    if not region.ris_group and not region.typology_labels():
        missing = _("No typology and no innovation group are recorded for this region yet.")
    return Section(
        "profile",
        _("Profile and typology"),
        missing=missing,
        data={
            "facts": facts,
            "typologies": [str(label) for label in region.typology_labels()],
            "ris": region.ris_label,
            "ris_year": region.ris_year,
            "notes": region.health_system_notes,
            "population_groups": groups,
        },
    )


def peer_ids(region: Region) -> dict[str, list[int]]:
    return peer_region_ids(region=region)


def scores_section(
    region: Region, campaign_id: int | None, themes: list[Theme], peers: dict[str, list[int]]
) -> tuple[Section, dict]:
    title = _("Mapping results by theme, compared with peers")
    region_theme_scores = _provider("mapping.analytics", "region_theme_scores")
    if region_theme_scores is None:
        return Section(
            "scores",
            title,
            missing=_("Theme scores are not available: the survey analytics of the mapping are not installed yet."),
        ), {}
    ids = {region.pk, *[pk for group in peers.values() for pk in group]}
    all_scores = region_theme_scores(region_ids=sorted(ids), campaign_id=campaign_id)
    own = all_scores.get(region.pk, {})
    averages: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for key, members in peers.items():
        rows = [all_scores[pk] for pk in members if pk in all_scores]
        counts[key] = len(rows)
        if rows:
            averages[key] = {
                theme.code: mean(r[theme.code] for r in rows if theme.code in r)
                for theme in themes
                if any(theme.code in r for r in rows)
            }
    peer_labels = {
        "innovation_group": _("Same innovation group (%(n)s)") % {"n": counts.get("innovation_group", 0)},
        "typology": _("Same typology (%(n)s)") % {"n": counts.get("typology", 0)},
        "country": _("Same country (%(n)s)") % {"n": counts.get("country", 0)},
    }
    rows = [(theme.code, theme.name, own.get(theme.code)) for theme in themes]
    table = [
        {
            "code": code,
            "name": name,
            "score": score,
            **{key: averages.get(key, {}).get(code) for key in ("innovation_group", "typology", "country")},
        }
        for code, name, score in rows
    ]
    if not own:
        return Section(
            "scores",
            title,
            missing=_("No accepted survey answers for this region yet, so there are no theme scores."),
            data={"table": table},
        ), own
    chart = charts.theme_scores_svg(
        rows=rows,
        peers=averages,
        peer_labels=peer_labels,
        title=_("Scores by theme: %(region)s and its peers") % {"region": region.name},
        description=_("Bars show the region's score (0-100) per theme; markers show the peer groups' averages."),
        region_label=region.name,
    )
    return Section(
        "scores", title, data={"chart": chart, "table": table, "peer_labels": peer_labels, "has_peers": bool(averages)}
    ), own


def map_section(region: Region, peers: dict[str, list[int]], partner_ids: list[int]) -> Section:
    title = _("Map")
    values: dict[int, str] = dict.fromkeys(peers.get("innovation_group", []), "peer")
    values.update(dict.fromkeys(partner_ids, "partner"))
    values[region.pk] = "region"
    labels = {"region": region.name, "partner": _("Partner regions"), "peer": _("Same innovation group")}
    colours = {"region": "#a11d1d", "partner": "#0b6b63", "peer": "#9ecae1"}
    regions = Region.objects.filter(level=region.level, nuts_version=region.nuts_version).only(
        "pk", "code", "name", "nuts_version", "geometry", "label_point"
    )
    if not any(r.geometry for r in regions):
        return Section("map", title, missing=_("No region boundaries have been imported, so the map cannot be drawn."))
    svg = choropleth_svg(
        regions=regions,
        values=values,
        legend=[(colours[key], labels[key]) for key in ("region", "partner", "peer")],
        title=_("%(region)s, its partner regions and its innovation group") % {"region": region.name},
        link=False,
        colour=colours,
        width=700,
    )
    return Section("map", title, data={"svg": svg})


def findings_sections(findings: list[Finding], priorities: list) -> list[Section]:
    confirmed = [f for f in findings if f.status == Finding.Status.CONFIRMED]
    problems = [f for f in confirmed if f.kind in (Finding.Kind.GAP, Finding.Kind.BARRIER)]
    assets = [f for f in confirmed if f.kind in (Finding.Kind.STRENGTH, Finding.Kind.BEST_PRACTICE)]
    problems.sort(key=lambda f: (-f.severity, f.theme.order, f.pk))
    assets.sort(key=lambda f: (-f.severity, f.theme.order, f.pk))
    return [
        Section(
            "gaps",
            _("Top gaps and barriers"),
            missing="" if problems else _("No confirmed gaps or barriers are recorded for this region yet."),
            data={"findings": problems[:TOP_GAPS], "more": max(0, len(problems) - TOP_GAPS), "priorities": priorities},
        ),
        Section(
            "strengths",
            _("Strengths and best practices"),
            missing="" if assets else _("No confirmed strengths or best practices are recorded for this region yet."),
            data={"findings": assets[:TOP_STRENGTHS], "more": max(0, len(assets) - TOP_STRENGTHS)},
        ),
    ]


def recommendations_section(matches: list[Match]) -> Section:
    groups = []
    for kind, label in Recommendation.Kind.choices:
        items = [m for m in matches if m.recommendation.kind == kind]
        if items:
            groups.append({"kind": kind, "label": label, "matches": items})
    return Section(
        "recommendations",
        _("Recommendations on policy, funding, investment and cooperation"),
        missing=""
        if matches
        else _("No recommendation of the library is triggered by this region's confirmed findings or scores."),
        data={"groups": groups},
    )


def roadmap_section(region: Region) -> Section:
    """The region's published roadmap in order, then further modules suggested from its gaps and priorities."""
    title = _("Proposed roadmap modules, in order")
    module_suggestions = _provider("roadmap.selectors", "module_suggestions")
    version_model = _provider("roadmap.models", "RoadmapVersion")
    if module_suggestions is None and version_model is None:
        return Section("roadmap", title, missing=_("Roadmap modules are not available yet."))
    phases = dict(_provider("roadmap.models", "PHASES") or [])
    item_model = _provider("roadmap.models", "RoadmapItem")
    statuses = dict(item_model.Status.choices) if item_model is not None else {}
    items, version = [], None
    if version_model is not None:
        version = version_model.objects.filter(region=region, is_current=True).order_by("-number").first()
        if version is not None:
            items = [
                {
                    **item,
                    "phase_label": phases.get(item.get("phase"), item.get("phase")),
                    "status_label": statuses.get(item.get("status"), item.get("status")),
                }
                for item in sorted(version.data.get("items", []), key=lambda i: (i.get("phase", 0), i.get("order", 0)))
            ]
    planned = {item["code"] for item in items}
    suggestions = module_suggestions(region=region) if module_suggestions is not None else []
    suggestions = [s for s in suggestions if s.module.code not in planned][:8]
    missing = ""
    if not items and not suggestions:
        missing = _("No roadmap module is planned or suggested for this region yet.")
    return Section(
        "roadmap", title, missing=missing, data={"items": items, "suggestions": suggestions, "version": version}
    )


def partners_section(region: Region) -> Section:
    title = _("Partner regions for interregional projects")
    partner_regions = _provider("roadmap.matchmaking", "partner_regions")
    if partner_regions is None:
        return Section("partners", title, missing=_("Interregional matchmaking is not available yet."))
    partners = partner_regions(region=region, limit=MAX_PARTNERS)
    return Section(
        "partners",
        title,
        missing="" if partners else _("No partner region covers this region's gaps yet."),
        data={"partners": partners},
    )


def funding_section(region: Region, matches: list[Match]) -> Section:
    title = _("Pilots and funding instruments")
    region_pilots = _provider("roadmap.selectors", "region_pilots")
    instrument_model = _provider("roadmap.models", "FundingInstrument")
    codes = sorted({code for m in matches for code in m.recommendation.funding_instruments})
    if region_pilots is None and instrument_model is None:
        return Section(
            "funding",
            title,
            missing=_("Pilots and funding instruments are not recorded in the portal yet."),
            data={"codes": codes},
        )
    pilots = region_pilots(region=region)[:8] if region_pilots is not None else []
    instruments = []
    if instrument_model is not None and codes:
        instruments = list(instrument_model.objects.filter(code__in=codes).order_by("level", "name"))
    names = {i.code: i.name for i in instruments}
    for match in matches:
        match.funding = [names.get(code, code) for code in match.recommendation.funding_instruments]
    missing = "" if pilots or instruments else _("No pilot involves this region and no funding instrument fits yet.")
    return Section("funding", title, missing=missing, data={"pilots": pilots, "instruments": instruments})


def _priorities(region: Region) -> list:
    region_priorities = _provider("workshops.selectors", "region_priorities")
    if region_priorities is not None:
        return list(region_priorities(region_id=region.pk))[:5]
    from workshops.models import RegionPriority

    return list(RegionPriority.objects.filter(region=region).select_related("theme").order_by("rank")[:5])


def gather(*, region: Region, fingerprint: str, campaign=None) -> dict:
    """The template context of `region`'s report: every section, the recommendations and their traces."""
    themes = list(Theme.objects.filter(is_active=True).order_by("order", "code"))
    findings = list(Finding.objects.filter(region=region).select_related("theme").order_by("-severity", "pk"))
    recommendations = list(
        Recommendation.objects.filter(is_active=True).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk", "code"))
        )
    )
    peers = peer_ids(region)
    partners = partners_section(region)
    partner_ids = [p.region.pk for p in partners.data.get("partners", [])]
    scores, own_scores = scores_section(region, campaign.pk if campaign else None, themes, peers)
    matches = match_recommendations(
        region=region, recommendations=recommendations, findings=findings, scores=own_scores
    )
    sections = [
        profile_section(region),
        scores,
        map_section(region, peers, partner_ids),
        *findings_sections(findings, _priorities(region)),
        recommendations_section(matches),
        roadmap_section(region),
        partners,
        funding_section(region, matches),
    ]
    generated_at = timezone.now()
    sources = {
        "findings": {
            str(label): sum(1 for f in findings if f.source == value and f.status == Finding.Status.CONFIRMED)
            for value, label in Finding.Source.choices
        },
        "recommendations": len(recommendations),
        "library_version": sum(r.version for r in recommendations),
        "missing": [s.title for s in sections if s.missing],
    }
    return {
        "region": region,
        "campaign": campaign,
        "sections": sections,
        "by_key": {s.key: s for s in sections},
        "matches": matches,
        "sources": sources,
        "generated_at": generated_at,
        "fingerprint": fingerprint,
    }


def summary(context: dict) -> dict:
    """What the report concluded, for the API and for tracing recommendations back to their triggers."""
    gaps = context["by_key"]["gaps"].data.get("findings", [])
    return {
        "top_gaps": [{"id": f.pk, "title": f.title, "theme": f.theme.code, "severity": f.severity} for f in gaps],
        "recommendations": [
            {
                "code": m.recommendation.code,
                "kind": m.recommendation.kind,
                "title": m.recommendation.title,
                "triggers": [
                    {"theme": t.theme_code, "label": t.label, "finding": t.finding_id, "score": t.score}
                    for t in m.triggers
                ],
            }
            for m in context["matches"]
        ],
        "missing": context["sources"]["missing"],
    }


def document_css() -> str:
    return CSS_PATH.read_text(encoding="utf-8").split(CSS_PORTAL_MARKER)[0]


def render_html(context: dict) -> tuple[str, str]:
    """(the report's body for the portal page, the standalone HTML document used for the file and the PDF)."""
    body = render_to_string("reports/_report_body.html", context)
    document = render_to_string(
        "reports/report_document.html",
        {**context, "body": body, "css": document_css()},
    )
    return body, document


def render_pdf(document: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=document, base_url=str(settings.BASE_DIR)).write_pdf(pdf_tags=True)
