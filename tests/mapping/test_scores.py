"""One score, one rounding: every page, the map and the API show the same whole number for every cell."""

import html
import io
import re

import pytest

from mapping import analytics, demo
from mapping.models import Theme
from regions.models import Region
from reports.builder import gather, render_html
from saphire.scores import score_round, score_text
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

CELL = re.compile(r'<td class="cell [^"]*" title="([^"]*)">([^<]*)</td>')
# The region's name follows its code's link, each part of the name marked with its language.
MAP_ROW = re.compile(
    r'/mapping/results/regions/([^/]+)/">[^<]+</a> (?:<span lang="[^"]*">[^<]*</span>[^<]*)+</td>'
    r'<td class="num cell [^"]*">([^<]*)<'
)
REPORT_TABLE = re.compile(r'<table class="report-table report-scores-table">.*?</table>', re.S)
REPORT_ROW = re.compile(r'<tr><th scope="row">([^<]+)</th>\s*<td class="num">([^<]*)</td>')
RESULTS_ROW = re.compile(
    r'<tr><td>[^<]+ <span class="muted">([^<]+)</span></td>\s*<td class="num cell [^"]*">([^<]*)</td>'
)


def test_score_round_is_half_up_once():
    assert [score_round(v) for v in (82.5, 82.49, 0.5, 1.5, 2.5, 99.5, 82.49999999999999, None)] == [
        83,
        82,
        1,
        2,
        3,
        100,
        83,
        None,
    ]
    assert score_text(None) == "–"
    assert score_text(12.5) == "13"


@pytest.fixture
def demo_regions(db):
    for n in range(40):
        RegionFactory(code=f"AT{n:02d}", level=2, country_code="AT", name=f"Region {n}")
    demo.load(stdout=io.StringIO())
    return list(Region.objects.filter(level=2).order_by("code"))


def _heatmap_cells(client, themes) -> dict[tuple[str, str], str]:
    names = {t.name: t.code for t in themes}
    body = client.get("/mapping/results/").content.decode()
    cells = {}
    for row in re.findall(r'<tr><th scope="row"><a href="[^"]*">([^<]+)</a>(.*?)</tr>', body):
        code, rest = row
        for title, text in CELL.findall(rest):
            cells[(code, names[html.unescape(title)])] = text
    return cells


def test_every_demo_cell_reads_the_same_everywhere(client, demo_regions, page_cache_off):
    themes = list(Theme.objects.filter(is_active=True))
    names = {t.name: t.code for t in themes}
    unrounded = analytics.region_theme_scores()
    regions = {r.pk: r.code for r in demo_regions}
    expected = {
        (regions[rid], code): score_text(score)
        for rid, by_theme in unrounded.items()
        for code, score in by_theme.items()
    }
    halves = [key for rid, t in unrounded.items() for key, s in t.items() if abs(s - int(s) - 0.5) < 1e-9]
    assert len(expected) == 520 and halves, "the demo should hold halves, where roundings disagree"

    assert _heatmap_cells(client, themes) == expected

    api = client.get("/api/v1/analytics/heatmap/").json()
    assert {(r["region"], code): str(s) for r in api["results"] for code, s in r["scores"].items()} == expected

    shown_map = {}
    for theme in themes:
        body = client.get(f"/mapping/results/map/?theme={theme.code}").content.decode()
        for code, text in MAP_ROW.findall(body):
            shown_map[(code, theme.code)] = text
    assert shown_map == expected

    for region in demo_regions:
        body = client.get(f"/mapping/results/regions/{region.code}/").content.decode()
        rows = re.findall(
            r'<tr><td>([^<]+) <span class="muted">([^<]+)</span></td>\s*<td class="num cell [^"]*">([^<]*)</td>', body
        )
        assert {(region.code, code): text for _name, code, text in rows} == {
            key: value for key, value in expected.items() if key[0] == region.code
        }
        profile = client.get(f"/regions/{region.code}/").content.decode()
        rows = re.findall(r'<tr><td>([^<]+)</td><td class="num">([^<]*)</td></tr>', profile)
        shown = {(region.code, names[html.unescape(name)]): text for name, text in rows if html.unescape(name) in names}
        assert shown == {key: value for key, value in expected.items() if key[0] == region.code}

        # The region's report, built from the same accepted answers, shows the same numbers in its table.
        body, _document = render_html(gather(region=region, fingerprint="scores-test"))
        [table] = REPORT_TABLE.findall(body)
        shown = {(region.code, names[html.unescape(name)]): text for name, text in REPORT_ROW.findall(table)}
        assert shown == {key: value for key, value in expected.items() if key[0] == region.code}
