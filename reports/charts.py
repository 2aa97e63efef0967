"""Charts drawn as inline SVG on the server, so the page and the PDF show the same picture."""

from django.utils.html import escape

from saphire.scores import score_text

REGION_COLOUR = "#13426f"
PEER_MARKERS = [
    # (key, colour, marker shape) for each peer group, drawn as ticks over the region's bar.
    ("innovation_group", "#0b6b63", "diamond"),
    ("typology", "#8a5300", "circle"),
    ("country", "#a11d1d", "square"),
]


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "diamond":
        points = f"M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z"
        return f'<path d="{points}" fill="{colour}"/>'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'
    return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'


def theme_scores_svg(
    *,
    rows: list[tuple[str, str, float | None]],
    peers: dict[str, dict[str, float]],
    peer_labels: dict[str, str],
    title: str,
    description: str,
    region_label: str,
) -> str:
    """Horizontal bars of the region's score per theme (0-100) with the peer groups' averages as markers.

    `rows` are (theme code, theme name, score or None); `peers` maps a peer group key to
    theme code -> average score.
    """
    label_w, bar_w, row_h, top = 300, 360, 24, 34
    width = label_w + bar_w + 50
    legend_h = 22
    height = top + row_h * len(rows) + 26 + legend_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="chart-title chart-desc" class="report-chart" '
        'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>',
    ]
    for tick in range(0, 101, 25):
        x = label_w + bar_w * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{top + row_h * len(rows)}" stroke="#c9d1da"/>')
        out.append(f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" fill="#4a5563">{tick}</text>')
    for index, (code, name, score) in enumerate(rows):
        y = top + index * row_h
        mid = y + row_h / 2
        out.append(
            f'<text x="{label_w - 8}" y="{mid + 4:.1f}" text-anchor="end" fill="#1d232b">'
            f"{escape(name)} ({escape(code)})</text>"
        )
        if score is None:
            out.append(f'<text x="{label_w + 4}" y="{mid + 4:.1f}" fill="#4a5563" font-style="italic">—</text>')
        else:
            w = bar_w * max(0.0, min(score, 100.0)) / 100
            out.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" fill="{REGION_COLOUR}" rx="2"/>'
            )
            out.append(f'<text x="{label_w + w + 4:.1f}" y="{mid + 4:.1f}" fill="#1d232b">{score_text(score)}</text>')
        for key, colour, shape in PEER_MARKERS:
            value = peers.get(key, {}).get(code)
            if value is not None:
                out.append(_marker(shape, label_w + bar_w * max(0.0, min(value, 100.0)) / 100, mid, colour))
    legend_y = top + row_h * len(rows) + 24
    x = 10
    out.append(f'<rect x="{x}" y="{legend_y - 9}" width="14" height="10" fill="{REGION_COLOUR}"/>')
    out.append(f'<text x="{x + 18}" y="{legend_y}" fill="#1d232b">{escape(region_label)}</text>')
    x += 24 + 7 * len(region_label)
    for key, colour, shape in PEER_MARKERS:
        if key not in peers or key not in peer_labels:
            continue
        out.append(_marker(shape, x + 5, legend_y - 4, colour))
        out.append(f'<text x="{x + 14}" y="{legend_y}" fill="#1d232b">{escape(peer_labels[key])}</text>')
        x += 22 + 6 * len(peer_labels[key])
    out.append("</svg>")
    return "".join(out)
