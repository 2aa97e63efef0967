"""The collaboration network as a server-rendered SVG: organisations on a circle, grouped by region."""

import math
from html import escape

from django.urls import reverse
from django.utils.translation import gettext as _

from regions.models import Organisation, OrganisationKind, OrganisationLink, Region

KIND_COLOURS = {
    OrganisationKind.HOSPITAL: "#d95f02",
    OrganisationKind.UNIVERSITY: "#1b9e77",
    OrganisationKind.RESEARCH_INSTITUTE: "#66a61e",
    OrganisationKind.SME_INDUSTRY: "#7570b3",
    OrganisationKind.PAYER: "#a6761d",
    OrganisationKind.PATIENT_ORGANISATION: "#e7298a",
    OrganisationKind.GOVERNMENT: "#1d5c96",
    OrganisationKind.REGIONAL_AGENCY: "#0b6b63",
    OrganisationKind.CLUSTER: "#e6ab02",
    OrganisationKind.BIOBANK: "#666666",
}
MAX_NODES = 150


def network_svg(
    *, organisations: list[Organisation], links: list[OrganisationLink], focus_region: Region | None, size: int = 640
) -> str:
    """Nodes for the organisations and both ends of every link; organisations outside `focus_region` are
    drawn with a dashed ring so cross-regional links stand out."""
    nodes: dict[int, Organisation] = {org.pk: org for org in organisations}
    for link in links:
        nodes.setdefault(link.source_id, link.source)
        nodes.setdefault(link.target_id, link.target)
    ordered = sorted(nodes.values(), key=lambda org: (org.region.code, org.name))[:MAX_NODES]
    title = _("Collaboration network")
    if not ordered:
        return ""
    kinds = sorted({org.kind for org in ordered})
    legend_height = 22 * math.ceil(len(kinds) / 3) + 10
    centre, radius = size / 2, size / 2 - 175
    positions = {}
    for index, org in enumerate(ordered):
        angle = 2 * math.pi * index / len(ordered) - math.pi / 2
        positions[org.pk] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)
    height = size + legend_height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {size} {height}" role="group" '
        f'aria-labelledby="network-title" font-family="system-ui, sans-serif">',
        f'<title id="network-title">{escape(title)}</title>',
        '<g class="edges" stroke="#8a96a3" stroke-width="1.2">',
    ]
    for link in links:
        if link.source_id in positions and link.target_id in positions:
            x1, y1, _a = positions[link.source_id]
            x2, y2, _b = positions[link.target_id]
            out.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}">'
                f"<title>{escape(f'{link.source.name} – {link.target.name}: {link.get_kind_display()}')}</title></line>"
            )
    out.append('</g><g class="nodes" font-size="11">')
    for org in ordered:
        x, y, angle = positions[org.pk]
        outside = focus_region is not None and not org.region.code.startswith(focus_region.code)
        colour = KIND_COLOURS.get(org.kind, "#666666")
        anchor = "start" if math.cos(angle) >= 0 else "end"
        dx = 10 if anchor == "start" else -10
        name = org.name if len(org.name) <= 26 else org.name[:25] + "…"
        label = f"{org.name} ({org.region.code}, {org.get_kind_display()})"
        dash = ' stroke-dasharray="3 2"' if outside else ""
        out.append(
            f'<a href="{reverse("regions:organisation-detail", kwargs={"pk": org.pk})}" aria-label="{escape(label)}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}" stroke="#1d232b" stroke-width="1"{dash}>'
            f"<title>{escape(label)}</title></circle>"
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" fill="#1d232b">{escape(name)}</text></a>'
        )
    out.append('</g><g class="legend" font-size="12" fill="#1d232b">')
    labels = dict(OrganisationKind.choices)
    for index, kind in enumerate(kinds):
        row, column = divmod(index, 3)
        x, y = 20 + column * (size - 40) / 3, size + 8 + row * 22
        out.append(
            f'<circle cx="{x + 6:.1f}" cy="{y:.1f}" r="6" fill="{KIND_COLOURS.get(kind, "#666666")}" stroke="#1d232b"/>'
            f'<text x="{x + 18:.1f}" y="{y + 4:.1f}">{escape(str(labels.get(kind, kind)))}</text>'
        )
    out.append("</g></svg>")
    return "".join(out)
