"""Reading the map's SVG back in tests: regions are grouped under their fill colour."""

import re

GROUP = re.compile(r'<g fill="([^"]+)">(.*?)</g>', re.S)


def fill_of(svg: str, code: str) -> str | None:
    """The fill a region is painted with, grouped (`<g fill>`) or on its own path (insets)."""
    marker = f'data-code="{code}"'
    for fill, body in GROUP.findall(svg):
        if marker in body:
            return fill
    own = re.search(rf'fill="([^"]+)" {re.escape(marker)}', svg)
    return own.group(1) if own else None
