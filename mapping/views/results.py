"""Public results: only accepted answers, only aggregated."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mapping import analytics, permissions, selectors
from mapping.forms import CampaignChoiceForm
from mapping.models import Theme
from regions.maps import SCORE_LEGEND, choropleth_svg, score_band, score_colour
from regions.models import Region
from saphire.page_cache import EVENTS, REGIONS, SCORES, cached_fragment, public_page
from saphire.scores import EMPTY, score_round

# The parameters of CampaignChoiceForm, which the cached results pages vary on.
FILTERS = ("campaign", "country", "innovation_group", "typology")


def score_class(score: float | None) -> str:
    """The colour step of the score as shown (rounded), so a cell reading 60 is never coloured as below 60."""
    return _rounded_class(score_round(score))


def _rounded_class(rounded: int | None) -> str:
    return "s-none" if rounded is None else f"s{score_band(rounded)}"


class _HeatmapRows:
    """Table rows as HTML: 240 regions x 13 themes is too many cells for per-cell template work, so what
    every row shares (the themes' titles, the link, each distinct cell) is prepared once per page."""

    # Codes made of these characters are written into the link unchanged (reverse() would not quote them).
    PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    MARK = "CODE"

    def __init__(self, themes):
        self.themes = [(t.code, escape(t.name)) for t in themes]
        self.link = escape(reverse("mapping:region-results", kwargs={"code": self.MARK})).split(self.MARK)
        self.cells: dict[tuple[str, int | None], str] = {}

    def url(self, code: str) -> str:
        if len(self.link) == 2 and self.PLAIN.issuperset(code):
            return self.link[0] + code + self.link[1]
        return escape(reverse("mapping:region-results", kwargs={"code": code}))

    def cell(self, title: str, score: float | None) -> str:
        rounded = score_round(score)
        html = self.cells.get((title, rounded))
        if html is None:
            text = EMPTY if rounded is None else str(rounded)
            html = self.cells[title, rounded] = (
                f'<td class="cell {_rounded_class(rounded)}" title="{title}">{text}</td>'
            )
        return html

    def row(self, row) -> str:
        scores = row.scores
        cells = "".join(self.cell(title, scores.get(code)) for code, title in self.themes)
        mean = score_round(row.mean)
        return mark_safe(  # noqa: S308 - every value is escaped or a formatted number
            f'<tr><th scope="row"><a href="{self.url(row.code)}">{escape(row.code)}</a> '
            f'<span class="region-name">{escape(row.name)}</span></th>{cells}'
            f'<td class="cell {_rounded_class(mean)}"><strong>{EMPTY if mean is None else mean}</strong></td></tr>'
        )


def _filters(request):
    campaigns = selectors.campaign_choices(user=request.user)
    form = CampaignChoiceForm(request.GET or None, campaigns=campaigns)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data


@require_GET
@public_page(depends_on=(SCORES, REGIONS), vary_on=(*FILTERS, "sort"))
def heatmap(request):
    form, data = _filters(request)
    themes = list(selectors.theme_list())
    campaign = data.get("campaign")
    sort = request.GET.get("sort", "")
    rows = analytics.heatmap(
        campaign_id=campaign.pk if campaign else None,
        country=data.get("country", ""),
        innovation_group=data.get("innovation_group", ""),
        typology=data.get("typology", ""),
        sort=sort,
    )
    table = list(map(_HeatmapRows(themes).row, rows))
    query = request.GET.copy()
    query.pop("sort", None)
    return render(
        request,
        "mapping/heatmap.html",
        {
            "form": form,
            "themes": themes,
            "table": table,
            "sort": sort,
            "campaign": campaign,
            "base_query": query.urlencode(),
            "formula": analytics.FORMULA,
            "can_export": campaign is not None and permissions.can_export(request.user),
        },
    )


@require_GET
@public_page(depends_on=(SCORES, REGIONS))
def region_results(request, code):
    region = get_object_or_404(Region, code=code.upper())
    themes = list(selectors.theme_list())
    comparison = analytics.peer_comparison(region=region)
    accepted = selectors.region_accepted_responses(region=region)
    change = None
    if len(accepted) >= 2:
        after, before = accepted[0].campaign, accepted[1].campaign
        change = {
            "before": before,
            "after": after,
            "scores": analytics.campaign_change(before_id=before.pk, after_id=after.pk, region_ids=[region.pk]).get(
                region.pk, {}
            ),
        }
    confidence = selectors.answer_confidence(response=accepted[0] if accepted else None)
    group_labels = {
        "innovation_group": _("Same innovation group"),
        "typology": _("Same typology"),
        "country": _("Same country"),
        "similar": _("Most similar regions (statistics)"),
    }
    groups = [(group_labels.get(key, key), value) for key, value in comparison["groups"].items()]
    rows = []
    for theme in themes:
        own = comparison["own"].get(theme.code)
        rows.append(
            {
                "theme": theme,
                "score": own,
                "class": score_class(own),
                "peers": [(label, g["scores"].get(theme.code)) for label, g in groups],
                "change": change["scores"].get(theme.code) if change else None,
                "confidence": confidence.get(theme.pk),
            }
        )
    findings = selectors.region_confirmed_findings(region=region)
    return render(
        request,
        "mapping/region_results.html",
        {
            "region": region,
            "rows": rows,
            "groups": groups,
            "change": change,
            "latest": accepted[0] if accepted else None,
            "findings": findings,
            "formula": analytics.FORMULA,
            "can_see_answers": permissions.can_view_raw_answers(request.user, region.pk),
        },
    )


def _score_map_parts(*, theme: Theme | None, campaign) -> tuple[str | None, list]:
    """The map of `theme`'s scores (in `campaign`, else each region's latest) and the regions it colours,
    highest first."""
    code = theme.code if theme else ""
    scores = analytics.region_theme_scores(campaign_id=campaign.pk if campaign else None)
    values = {region_id: by_theme[code] for region_id, by_theme in scores.items() if code in by_theme}
    regions = selectors.score_map_regions(region_ids=values.keys())
    svg = None
    if theme is not None:
        svg = choropleth_svg(
            regions=regions,
            values=values,
            colour=score_colour,
            legend=SCORE_LEGEND,
            title=_("%(theme)s: score 0-100") % {"theme": theme.name},
            link=True,
        )
    listed = sorted(
        (
            (region, values[region.pk], score_class(values[region.pk]))
            for region in selectors.regions_scored(region_ids=values.keys())
        ),
        key=lambda item: -item[1],
    )
    return svg, listed


@require_GET
@public_page(depends_on=(SCORES, REGIONS), vary_on=(*FILTERS, "theme"))
def score_map(request):
    form, data = _filters(request)
    themes = list(selectors.theme_list())
    code = request.GET.get("theme") or (themes[0].code if themes else "")
    theme = next((t for t in themes if t.code == code), None)
    campaign = data.get("campaign")
    # The drawn map and its list are kept until scores or regions change: a page made stale by another
    # kind of content (an event, a publication) is rendered again without drawing the map again.
    svg, listed = cached_fragment(
        "score-map", theme.code if theme else "", campaign.pk if campaign else "", depends_on=(SCORES, REGIONS),
        compute=lambda: _score_map_parts(theme=theme, campaign=campaign),
    )  # fmt: skip
    return render(
        request,
        "mapping/score_map.html",
        {
            "form": form,
            "themes": themes,
            "theme": theme,
            "svg": svg,
            "listed": listed,
            "formula": analytics.FORMULA,
        },
    )


@require_GET
@public_page(depends_on=(SCORES, EVENTS))  # counts of findings
def theme_list(request):
    return render(request, "mapping/theme_list.html", {"themes": Theme.objects.annotate(n=Count("findings"))})
