"""The mapping scores as indicators of the map of Europe, one per active theme."""

from django.utils.translation import gettext as _

from mapping.analytics import region_theme_scores
from mapping.models import Theme
from regions.indicators import MapData
from regions.models import Region

SCORE_PREFIX = "score:"
SCORE_LEGEND = [
    ("#eff3ff", "0–20"),
    ("#bdd7e7", "20–40"),
    ("#6baed6", "40–60"),
    ("#3182bd", "60–80"),
    ("#08519c", "80–100"),
]


def score_choices() -> list[tuple[str, str]]:
    themes = Theme.objects.filter(is_active=True).order_by("order", "code")
    return [(f"{SCORE_PREFIX}{t.code}", _("Mapping score: %(theme)s") % {"theme": t.name}) for t in themes]


def _score_colour(value: float) -> str:
    return SCORE_LEGEND[min(int(value // 20), len(SCORE_LEGEND) - 1)][0]


def score_data(*, code: str, regions: list[Region]) -> MapData:
    scores = region_theme_scores(region_ids=[r.id for r in regions])
    values = {rid: float(by_theme[code]) for rid, by_theme in scores.items() if code in by_theme}
    return MapData(values, _score_colour, SCORE_LEGEND, {k: f"{v:.0f}" for k, v in values.items()})
