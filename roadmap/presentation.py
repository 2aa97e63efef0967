"""Server-rendered pieces of the public pages: the phase timeline and the dependency graph (SVG)."""

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from roadmap.models import PHASES, ModuleVersion
from saphire.i18n import content_text

BOX_W, BOX_H, COL_GAP, ROW_GAP, PAD = 190, 44, 56, 14, 10


def phase_timeline(data: dict, *, lang: str = "en") -> list[dict]:
    """The phases of a published roadmap with their years and modules, in order."""
    start, span = data.get("start_year", 2026), data.get("phase_years", 2)
    phases = []
    for number, name in PHASES:
        items = [i for i in data.get("items", []) if i["phase"] == number]
        for item in items:
            item["display_title"] = content_text(item, "title", lang)
        done = sum(1 for i in items if i["status"] == "done")
        phases.append(
            {
                "number": number,
                "name": name,
                "first_year": start + (number - 1) * span,
                "last_year": start + number * span - 1,
                "items": items,
                "progress": round(sum(i["progress"] for i in items) / len(items)) if items else 0,
                "done": done,
            }
        )
    return phases


def _label(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dependency_svg(layers: list[list[ModuleVersion]]) -> SafeString:
    """Modules in columns by depth, an arrow from each prerequisite to the module that needs it."""
    if not layers:
        return mark_safe("")
    position = {}
    for col, layer in enumerate(layers):
        for row, version in enumerate(layer):
            position[version.code] = (PAD + col * (BOX_W + COL_GAP), PAD + row * (BOX_H + ROW_GAP))
    width = PAD * 2 + len(layers) * BOX_W + (len(layers) - 1) * COL_GAP
    height = PAD * 2 + max(len(layer) for layer in layers) * (BOX_H + ROW_GAP)
    parts = [
        format_html(
            '<svg class="dependency-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" '
            'height="{}" role="group" aria-labelledby="dep-title"><title id="dep-title">{}</title>'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#4a5563"/></marker></defs>',
            width,
            height,
            width,
            height,
            _("Module prerequisites: arrows point from a prerequisite to the module that needs it"),
        )
    ]
    for layer in layers:
        for version in layer:
            x2, y2 = position[version.code]
            for prereq in version.prerequisite_codes:
                if prereq not in position:
                    continue
                x1, y1 = position[prereq]
                parts.append(
                    format_html(
                        '<path d="M {} {} C {} {}, {} {}, {} {}" class="dep-edge" marker-end="url(#arrow)"/>',
                        x1 + BOX_W,
                        y1 + BOX_H / 2,
                        x1 + BOX_W + COL_GAP / 2,
                        y1 + BOX_H / 2,
                        x2 - COL_GAP / 2,
                        y2 + BOX_H / 2,
                        x2 - 2,
                        y2 + BOX_H / 2,
                    )
                )
    for layer in layers:
        for version in layer:
            x, y = position[version.code]
            parts.append(
                format_html(
                    '<a href="{}"><g class="dep-node theme-{}"><rect x="{}" y="{}" width="{}" height="{}" rx="6"/>'
                    '<text x="{}" y="{}" class="dep-code">{}</text><text x="{}" y="{}" class="dep-title">{}</text>'
                    "<title>{}</title></g></a>",
                    reverse("roadmap:module", kwargs={"code": version.code}),
                    escape((version.theme_codes or ["none"])[0].lower()),
                    x,
                    y,
                    BOX_W,
                    BOX_H,
                    x + 8,
                    y + 17,
                    version.code,
                    x + 8,
                    y + 34,
                    _label(version.title),
                    f"{version.code} {version.title}",
                )
            )
    parts.append(mark_safe("</svg>"))
    # Every part came from format_html, which escaped the module titles.
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308
