"""Charts drawn on the server as HTML and inline SVG, so the page and the PDF show the same picture.

The words and numbers of a chart are HTML text and its SVG draws shapes only: WeasyPrint lays out and
draws SVG text one letter at a time, so a chart of thirteen labelled bars in one SVG cost the PDF more
than a page of text.
"""

from django.utils.html import escape

from saphire.scores import score_text

REGION_COLOUR = "#13426f"
PEER_MARKERS = [
    # (key, colour, marker shape) for each peer group, drawn as ticks over the region's bar.
    ("innovation_group", "#0b6b63", "diamond"),
    ("typology", "#8a5300", "circle"),
    ("country", "#a11d1d", "square"),
]
# Each bar's SVG: 0-100 over BAR_W units, with room for a marker at either end.
BAR_W, ROW_H, EDGE = 360, 24, 12
VIEWBOX = f"{-EDGE} 0 {BAR_W + 2 * EDGE} {ROW_H}"
TICKS = range(0, 101, 25)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "diamond":
        points = f"M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z"
        return f'<path d="{points}" fill="{colour}"/>'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'
    return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'


def _x(value: float) -> float:
    return BAR_W * max(0.0, min(value, 100.0)) / 100


def _bar(score: float | None, markers: list[tuple[str, str, float]]) -> str:
    """One theme's bar and its peer markers, over the grid lines of the ticks."""
    grid = "".join(f"M{_x(tick):.0f} 0V{ROW_H}" for tick in TICKS)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{VIEWBOX}" aria-hidden="true">',
        f'<path d="{grid}" stroke="#c9d1da"/>',
    ]
    if score is not None:
        out.append(f'<rect y="5" width="{_x(score):.1f}" height="{ROW_H - 10}" fill="{REGION_COLOUR}" rx="2"/>')
    out.extend(_marker(shape, _x(value), ROW_H / 2, colour) for shape, colour, value in markers)
    out.append("</svg>")
    return "".join(out)


def _axis() -> str:
    """The ticks' numbers over the bars: ten characters of SVG text."""
    labels = "".join(f'<text x="{_x(tick):.0f}" y="14" text-anchor="middle">{tick}</text>' for tick in TICKS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{VIEWBOX}" aria-hidden="true" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11" fill="#4a5563">{labels}</svg>'
    )


def _legend_marker(shape: str, colour: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 12" class="report-chart-key" aria-hidden="true">'
        f"{_marker(shape, 6, 6, colour)}</svg>"
    )


def theme_scores_svg(
    *,
    rows: list[tuple[str, str, float | None]],
    peers: dict[str, dict[str, float]],
    peer_labels: dict[str, str],
    title: str,
    description: str,
    region_label: str,
) -> str:
    """Horizontal bars of the region's score per theme (0-100) with the peer groups' averages as markers,
    as a table: a row per theme with its name, its bar (an SVG) and its score.

    `rows` are (theme code, theme name, score or None); `peers` maps a peer group key to
    theme code -> average score.
    """
    body = []
    for code, name, score in rows:
        markers = [
            (shape, colour, peers[key][code]) for key, colour, shape in PEER_MARKERS if code in peers.get(key, {})
        ]
        body.append(
            f'<tr><th scope="row">{escape(name)} ({escape(code)})</th>'
            f'<td class="report-chart-bar">{_bar(score, markers)}</td>'
            f'<td class="num">{score_text(score, "—")}</td></tr>'
        )
    legend = [
        f'<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 12" class="report-chart-key" '
        f'aria-hidden="true"><rect x="1" y="2" width="10" height="8" fill="{REGION_COLOUR}"/></svg> '
        f"{escape(region_label)}</li>"
    ]
    legend.extend(
        f"<li>{_legend_marker(shape, colour)} {escape(peer_labels[key])}</li>"
        for key, colour, shape in PEER_MARKERS
        if key in peers and key in peer_labels
    )
    return (
        f'<div class="report-chart"><table class="report-chart-table" aria-label="{escape(title)}" '
        f'title="{escape(description)}"><thead><tr><td class="report-chart-label"></td>'
        f'<td class="report-chart-bar">{_axis()}</td><td class="report-chart-score"></td></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<ul class="report-chart-legend">{"".join(legend)}</ul></div>'
    )
