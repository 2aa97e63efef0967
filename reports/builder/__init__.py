"""Gather what the portal knows about a region and render it as the report's HTML and PDF.

Each section is read from the app that owns the data, imported directly: a renamed function fails
the build (and its tests) instead of quietly turning a section into "not available".
"""

import functools
import gc
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mapping.models import Finding, Response, Theme
from mapping.selectors import answer_confidence
from regions.models import Region
from regions.selectors import peer_region_ids
from reports.builder import overview
from reports.builder.sections import (
    Section,
    current_roadmap,
    findings_sections,
    funding_section,
    map_section,
    outcomes_section,
    partners_section,
    profile_section,
    recommendations_section,
    region_partners,
    region_suggestions,
    roadmap_section,
    scores_section,
)
from reports.fingerprint import FORMAT_VERSION
from reports.matching import Match, match_recommendations
from reports.models import Recommendation, Report
from roadmap.models import RoadmapItem
from workshops.selectors import region_priorities

__all__ = ["Section", "document_css", "gather", "render_html", "render_pdf", "summary"]

CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "reports.css"
# The stylesheet's rules after this line style portal pages only; the document leaves them out.
CSS_PORTAL_MARKER = "/* Report pages in the portal */"
AUTHOR = "SAPHIRe Regions"


def _chosen_response(region: Region, campaign) -> Response | None:
    responses = Response.objects.filter(region=region, status=Response.Status.ACCEPTED)
    if campaign is not None:
        responses = responses.filter(campaign=campaign)
    return responses.order_by("-campaign__opens_on", "-pk").first()


def _link(matches: list[Match], suggestions: list, roadmap_items: list[dict], partners: list) -> None:
    """Give each recommendation the roadmap modules and partner regions on the themes that triggered it."""
    planned = [(item["code"], item.get("title", ""), set(item.get("themes", []))) for item in roadmap_items]
    suggested = [(s.module.code, s.module.title, {t.code for t in s.module.themes.all()}) for s in suggestions]
    for match in matches:
        codes = set(match.theme_codes)
        seen: set[str] = set()
        for code, title, themes in [*planned, *suggested]:
            if themes & codes and code not in seen:
                match.modules.append({"code": code, "title": title})
                seen.add(code)
        match.modules = match.modules[:4]
        match.partners = [p for p in partners if codes & set(p.themes)][:3]


def gather(*, region: Region, fingerprint: str, campaign=None, report: Report | None = None) -> dict:
    """The template context of `region`'s report: every section, the recommendations and their traces."""
    themes = list(Theme.objects.filter(is_active=True).order_by("order", "code"))
    findings = list(Finding.objects.filter(region=region).select_related("theme").order_by("-severity", "pk"))
    recommendations = list(
        Recommendation.objects.filter(is_active=True).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "code")), "funding_instruments"
        )
    )
    peers = peer_region_ids(region=region)
    partners = region_partners(region)
    theme_names = {theme.code: theme.name for theme in themes}
    for partner in partners:
        partner.theme_names = [theme_names.get(code, code) for code in partner.themes]
    scores, own_scores, averages = scores_section(region, campaign.pk if campaign else None, themes, peers)
    response = _chosen_response(region, campaign)
    confidence = answer_confidence(response=response)
    matches = match_recommendations(
        region=region, recommendations=recommendations, findings=findings, scores=own_scores
    )
    version = current_roadmap(region)
    suggestions = region_suggestions(region)
    roadmap = roadmap_section(region, version, suggestions)
    _link(matches, roadmap.data["suggestions"], roadmap.data["items"], partners)
    profile = profile_section(region)
    gaps, strengths = findings_sections(findings, confidence)
    all_gaps = gaps.data["findings"] + _more(findings, gaps)
    sections = [
        profile,
        scores,
        map_section(region, peers, [p.region.pk for p in partners]),
        gaps,
        strengths,
        outcomes_section(region, findings, list(region_priorities(region_id=region.pk))[:5]),
        recommendations_section(matches),
        roadmap,
        partners_section(partners),
        funding_section(region, matches),
    ]
    by_key = {s.key: s for s in sections}
    peer_labels = dict(scores.data.get("groups", []))
    previous = overview.previous_report(report, region)
    generated_at = timezone.now()
    return {
        "region": region,
        "campaign": campaign,
        "report": report,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "edition": _edition(report, region),
        "format_version": FORMAT_VERSION,
        "sections": sections,
        "by_key": by_key,
        "matches": matches,
        "own_scores": own_scores,
        "all_gaps": all_gaps,
        "executive": overview.executive_summary(
            by_key=by_key, matches=matches, own=own_scores, averages=averages, peer_labels=peer_labels
        ),
        "changes": overview.changes_since(
            previous, scores=own_scores, gaps=all_gaps, roadmap=version, names=theme_names
        ),
        "methodology": overview.methodology(region=region, campaign=campaign, confidence=confidence),
        "sources": overview.sources(findings=findings, sections=sections, licences=profile.data["licences"]),
        "recommendation_count": len(recommendations),
        "generated_at": generated_at,
        "fingerprint": fingerprint,
        "page_label": _page_label(),
        "completed": [
            item["code"]
            for item in (version.data.get("items", []) if version else [])
            if item.get("status") == RoadmapItem.Status.DONE
        ],
    }


def _more(findings: list[Finding], gaps: Section) -> list[Finding]:
    """The confirmed gaps and barriers the gaps section leaves out for length (changes count them all)."""
    shown = {f.pk for f in gaps.data["findings"]}
    return [
        f
        for f in findings
        if f.status == Finding.Status.CONFIRMED
        and f.kind in (Finding.Kind.GAP, Finding.Kind.BARRIER)
        and f.pk not in shown
    ]


def _edition(report: Report | None, region: Region) -> int:
    """The report's number among the region's reports (1 for the first)."""
    if report is None or not report.pk:
        return 1
    return Report.objects.filter(region=region, pk__lt=report.pk, status=Report.Status.DONE).count() + 1


def _page_label() -> str:
    """The footer's "Page x of y" as CSS content, in the report's language."""
    text = _("Page %(page)s of %(pages)s").replace('"', "").replace("\\", "").replace("<", "")
    return '"' + text.replace("%(page)s", '" counter(page) "').replace("%(pages)s", '" counter(pages) "') + '"'


def summary(context: dict) -> dict:
    """What the report concluded, for the API, for tracing recommendations and for the next report's changes."""
    gaps = context["by_key"]["gaps"].data.get("findings", [])
    return {
        "language": context["language"],
        "top_gaps": [{"id": f.pk, "title": f.title, "theme": f.theme.code, "severity": f.severity} for f in gaps],
        "gaps": [
            {"id": f.pk, "title": f.title, "theme": f.theme.code, "severity": f.severity} for f in context["all_gaps"]
        ],
        "scores": context["own_scores"],
        "completed": context["completed"],
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
        {**context, "body": body, "css": document_css(), "author": AUTHOR},
    )
    return body, document


@functools.lru_cache(maxsize=2)
def _stylesheet(css: str):
    """The report stylesheet parsed and its selectors compiled, once per process and version of the file."""
    import weasyprint

    return weasyprint.CSS(string=css, base_url=str(settings.BASE_DIR))


def render_pdf(document: str) -> bytes:
    import weasyprint

    # Every report carries the same stylesheet inline (the HTML file stands alone); the PDF takes it
    # parsed from the cache instead. As a user stylesheet it ranks below the document's own rules, so
    # the per-language page label left inline still wins, as it does in the HTML.
    css = document_css()
    document = document.replace(css, "", 1)
    # Layout allocates a great many short-lived objects, so the cyclic collector runs often during a
    # build and each full pass walks the whole Django process: about a sixth of the PDF time. The
    # build's own garbage is collected once the collector is back on.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return weasyprint.HTML(string=document, base_url=str(settings.BASE_DIR)).write_pdf(
            pdf_tags=True, custom_metadata=True, stylesheets=[_stylesheet(css)]
        )
    finally:
        if collecting:
            gc.enable()
