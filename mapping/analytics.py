"""Scores from accepted answers, computed in SQL.

score(region, theme) = Σ (weight × answer score) / Σ weight, over the applicable, answered, scored
questions of the theme in the region's accepted response. Answer scores run 0..100: Likert 1..5 gives
0, 25, 50, 75, 100; yes 100 and no 0; choices the score written on the option.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from mapping.models import Answer, Response, Theme
from mapping.selectors import latest_accepted_response
from regions.models import Region
from regions.selectors import peer_region_ids
from regions.typologies import typology_q

FORMULA = _("score(region, theme) = Σ(weight × answer score) ÷ Σ weight")

LATEST_ACCEPTED_SQL = """
    SELECT DISTINCT ON (r2.region_id) r2.id
    FROM mapping_response r2 JOIN mapping_campaign c2 ON c2.id = r2.campaign_id
    WHERE r2.status = 'accepted'
    ORDER BY r2.region_id, c2.opens_on DESC, c2.id DESC
"""


def _score_rows(*, campaign_id: int | None, region_ids=None, region_q: Q | None = None) -> list[tuple]:
    """(region id, code, name, country, theme code, score) from one SQL statement.

    Answers are grouped by integer keys first and only then joined to names, which keeps the
    aggregation a hash over ids however many answers the campaigns hold.
    """
    where, params = ["r.status = 'accepted'", "a.applicable", "a.score IS NOT NULL", "q.theme_id IS NOT NULL"], []
    if campaign_id is None:
        where.append(f"r.id IN ({LATEST_ACCEPTED_SQL})")
    else:
        where.append("r.campaign_id = %s")
        params.append(campaign_id)
    if region_ids is not None:
        where.append("r.region_id = ANY(%s)")
        params.append(list(region_ids))
    outer, outer_params = "", []
    if region_q is not None and region_q.children:
        region_sql, outer_params = Region.objects.filter(region_q).values("id").query.sql_with_params()
        outer = f"WHERE g.id IN ({region_sql})"
    # Only fixed fragments and Django-compiled SQL are interpolated; every value is a parameter.
    sql = f"""
        WITH sums AS (
            SELECT r.region_id, q.theme_id,
                   SUM(a.score * q.weight) AS weighted, SUM(q.weight) AS weights
            FROM mapping_answer a
            JOIN mapping_response r ON r.id = a.response_id
            JOIN mapping_question q ON q.id = a.question_id
            WHERE {" AND ".join(where)}
            GROUP BY r.region_id, q.theme_id
        )
        SELECT g.id, g.code, g.name, g.country_code, t.code, sums.weighted / NULLIF(sums.weights, 0)
        FROM sums
        JOIN regions_region g ON g.id = sums.region_id
        JOIN mapping_theme t ON t.id = sums.theme_id
        {outer}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *outer_params])
        return [row for row in cursor.fetchall() if row[5] is not None]


def latest_accepted_response_ids() -> QuerySet:
    """Per region, the accepted response of the most recent campaign (a subquery)."""
    return (
        Response.objects.filter(status=Response.Status.ACCEPTED)
        .order_by("region_id", "-campaign__opens_on", "-campaign_id")
        .distinct("region_id")
        .values("id")
    )


def _scored_answers(*, campaign_id: int | None) -> QuerySet:
    """The answers that count in scores, as a queryset other queries can narrow (e.g. to some themes)."""
    answers = Answer.objects.filter(
        applicable=True, score__isnull=False, question__theme__isnull=False, response__status=Response.Status.ACCEPTED
    )
    if campaign_id is None:
        return answers.filter(response_id__in=latest_accepted_response_ids())
    return answers.filter(response__campaign_id=campaign_id)


def _aggregate(answers: QuerySet) -> QuerySet:
    """The score formula over `answers`, per region and theme code."""
    return (
        answers.values("response__region_id", "question__theme__code")
        .annotate(
            weighted=Sum(F("score") * F("question__weight"), output_field=FloatField()),
            weights=Sum(Cast("question__weight", FloatField())),
        )
        .order_by()
    )


def region_theme_scores(*, region_ids=None, campaign_id: int | None = None) -> dict[int, dict[str, float]]:
    """Region id -> theme code -> score 0..100 from accepted answers, in one SQL aggregate.

    Without a campaign, each region's most recent accepted response counts.
    """
    scores: dict[int, dict[str, float]] = {}
    for region_id, _code, _name, _country, theme, score in _score_rows(campaign_id=campaign_id, region_ids=region_ids):
        scores.setdefault(region_id, {})[theme] = score
    return scores


def region_unanswered_themes(*, region_id: int) -> list[Theme]:
    """Themes with questions but no answer in the region's latest accepted response."""
    response = latest_accepted_response(region=region_id)
    if response is None:
        return list(Theme.objects.filter(is_active=True).order_by("order", "code"))
    answered = Answer.objects.filter(response=response, applicable=True, value__isnull=False).values(
        "question__theme_id"
    )
    return list(
        Theme.objects.filter(questions__version_id=response.campaign.version_id)
        .exclude(pk__in=answered)
        .distinct()
        .order_by("order", "code")
    )


@dataclass
class HeatmapRow:
    region_id: int
    code: str
    name: str
    country_code: str
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def mean(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None


def region_filter_q(*, country: str = "", innovation_group: str = "", typology: str = "", prefix: str = "") -> Q:
    q = Q()
    if country:
        q &= Q(**{f"{prefix}country_code": country.upper()})
    if innovation_group:
        q &= Q(**{f"{prefix}ris_group": innovation_group})
    return q & typology_q(typology, prefix=prefix)


def heatmap(
    *, campaign_id: int | None, country: str = "", innovation_group: str = "", typology: str = "", sort: str = ""
) -> list[HeatmapRow]:
    """Regions x themes from one SQL aggregation, filtered by region attributes and sorted.

    `sort` is a theme code (highest first), "-code" for lowest first, "mean"/"-mean", or empty for the code order.
    """
    region_q = region_filter_q(country=country, innovation_group=innovation_group, typology=typology)
    by_region: dict[int, HeatmapRow] = {}
    for region_id, code, name, country_code, theme, score in _score_rows(campaign_id=campaign_id, region_q=region_q):
        item = by_region.get(region_id)
        if item is None:
            item = by_region[region_id] = HeatmapRow(
                region_id=region_id, code=code, name=name, country_code=country_code
            )
        item.scores[theme] = score
    result = sorted(by_region.values(), key=lambda r: r.code)
    key = sort.lstrip("-")
    if key:
        descending = not sort.startswith("-")

        def value(row: HeatmapRow):
            v = row.mean if key == "mean" else row.scores.get(key)
            return (v is None, -(v or 0) if descending else (v or 0))

        result.sort(key=value)
    return result


MIN_PEERS = 3


def peer_comparison(*, region: Region) -> dict:
    """The region's theme scores beside the mean of each peer group (latest accepted responses)."""
    groups = peer_region_ids(region=region)
    everyone = {region.pk, *[pk for ids in groups.values() for pk in ids]}
    scores = region_theme_scores(region_ids=everyone)
    means = {}
    for group, ids in groups.items():
        totals: dict[str, list[float]] = {}
        for pk in ids:
            for code, score in scores.get(pk, {}).items():
                totals.setdefault(code, []).append(score)
        count = sum(1 for pk in ids if pk in scores)
        # An "average" of one or two regions is their own scores under another name: none is shown.
        means[group] = {
            "count": count,
            "scores": {code: round(sum(v) / len(v), 1) for code, v in totals.items()} if count >= MIN_PEERS else {},
            "too_few": count < MIN_PEERS,
        }
    return {"own": scores.get(region.pk, {}), "groups": means}


def campaign_change(*, before_id: int, after_id: int, region_ids=None) -> dict[int, dict[str, tuple]]:
    """Region id -> theme code -> (score before, score after, change) between two campaigns."""
    before = region_theme_scores(region_ids=region_ids, campaign_id=before_id)
    after = region_theme_scores(region_ids=region_ids, campaign_id=after_id)
    result: dict[int, dict[str, tuple]] = {}
    for region_id in before.keys() | after.keys():
        old, new = before.get(region_id, {}), after.get(region_id, {})
        result[region_id] = {
            code: (
                old.get(code),
                new.get(code),
                new[code] - old[code] if code in old and code in new else None,
            )
            for code in old.keys() | new.keys()
        }
    return result
