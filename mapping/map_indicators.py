"""The mapping scores as indicators of the map of Europe, one per active theme."""

from django.utils.translation import gettext as _

from mapping.analytics import region_theme_scores
from mapping.models import Theme
from regions.indicators import MapData
from regions.maps import SCORE_LEGEND, score_colour
from regions.models import Region
from saphire.scores import score_text

SCORE_PREFIX = "score:"


def score_choices() -> list[tuple[str, str]]:
    themes = Theme.objects.filter(is_active=True).order_by("order", "code")
    return [(f"{SCORE_PREFIX}{t.code}", _("Mapping score: %(theme)s") % {"theme": t.name}) for t in themes]


def score_data(*, code: str, regions: list[Region]) -> MapData:
    scores = region_theme_scores(region_ids=[r.id for r in regions])
    values = {rid: float(by_theme[code]) for rid, by_theme in scores.items() if code in by_theme}
    return MapData(values, score_colour, SCORE_LEGEND, {k: score_text(v) for k, v in values.items()})
