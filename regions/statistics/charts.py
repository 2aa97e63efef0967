"""A small server-rendered line chart of a value over the years, with its figures as text for screen readers."""

from html import escape

from regions.statistics.numbers import grouped

WIDTH, HEIGHT = 320, 120
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 74, 12, 12, 24


def _number(value: float) -> str:
    return grouped(value, 0 if abs(value) >= 100 else 1)


def trend_svg(*, series: list[tuple[int, float, str]], title: str, element_id: str) -> str:
    """A line over the years; the y axis spans the series' own range, which its two labels state."""
    if len(series) < 2:
        return ""
    years = [year for year, _value, _flags in series]
    values = [value for _year, value, _flags in series]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    x_span = (years[-1] - years[0]) or 1

    def x(year):
        return PAD_LEFT + (year - years[0]) / x_span * (WIDTH - PAD_LEFT - PAD_RIGHT)

    def y(value):
        return PAD_TOP + (high - value) / span * (HEIGHT - PAD_TOP - PAD_BOTTOM)

    points = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in zip(years, values, strict=True))
    description = "; ".join(f"{year}: {_number(value)}{' ' + flags if flags else ''}" for year, value, flags in series)
    bottom = HEIGHT - PAD_BOTTOM
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" font-family="system-ui, sans-serif" font-size="11">'
        f'<title id="{element_id}-title">{escape(title)}</title>'
        f'<desc id="{element_id}-desc">{escape(description)}</desc>'
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{bottom}" stroke="#8a96a3"/>'
        f'<line x1="{PAD_LEFT}" y1="{bottom}" x2="{WIDTH - PAD_RIGHT}" y2="{bottom}" stroke="#8a96a3"/>'
        f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + 4}" text-anchor="end" fill="#1d232b">{_number(high)}</text>'
        f'<text x="{PAD_LEFT - 6}" y="{bottom}" text-anchor="end" fill="#1d232b">{_number(low)}</text>'
        f'<text x="{PAD_LEFT}" y="{HEIGHT - 6}" fill="#1d232b">{years[0]}</text>'
        f'<text x="{WIDTH - PAD_RIGHT}" y="{HEIGHT - 6}" text-anchor="end" fill="#1d232b">{years[-1]}</text>'
        f'<polyline points="{points}" fill="none" stroke="#08519c" stroke-width="2"/>'
        + "".join(
            f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="2.5" fill="#08519c"/>'
            for yr, v in zip(years, values, strict=True)
        )
        + "</svg>"
    )
