"""Reads of the mapping app, scoped to the user (out of scope means 404)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import User
from mapping.models import (
    Answer,
    Campaign,
    Finding,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ReviewComment,
    Section,
    Theme,
)
from regions.models import Region
from saphire.roles import is_coordinator, official_region_ids


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True)


def questionnaire_list(*, user: User) -> QuerySet[Questionnaire]:
    qs = Questionnaire.objects.annotate(version_count=Count("versions"))
    if is_coordinator(user):
        return qs
    return qs.filter(versions__status=QuestionnaireVersion.Status.PUBLISHED).distinct()


def version_list(*, user: User) -> QuerySet[QuestionnaireVersion]:
    qs = QuestionnaireVersion.objects.select_related("questionnaire").annotate(
        question_count=Count("questions", distinct=True)
    )
    if is_coordinator(user):
        return qs
    return qs.filter(status=QuestionnaireVersion.Status.PUBLISHED)


def version_structure(*, version: QuestionnaireVersion) -> list[Section]:
    """Sections with their questions (theme and condition) in two queries."""
    return list(
        version.sections.prefetch_related(
            Prefetch("questions", queryset=Question.objects.select_related("theme", "condition_question"))
        )
    )


def campaign_choices(*, user: User) -> QuerySet[Campaign]:
    """The campaigns a user may pick in filters: no counts, just titles."""
    return Campaign.objects.filter(pk__in=campaign_list(user=user, counted=False).values("pk")).only("id", "title")


def campaign_list(*, user: User, counted: bool = True) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("version__questionnaire")
    if counted:
        qs = qs.annotate(region_count=Count("regions", distinct=True))
    if is_coordinator(user):
        return qs
    region_ids = official_region_ids(user)
    accepted = Response.objects.filter(campaign=OuterRef("pk"), status=Response.Status.ACCEPTED)
    if region_ids:
        mine = Campaign.objects.filter(regions__in=region_ids).values("pk")
        return qs.filter(Q(pk__in=mine) | Exists(accepted))
    return qs.filter(Exists(accepted))


def response_list(*, user: User) -> QuerySet[Response]:
    qs = Response.objects.select_related("campaign", "region", "campaign__version")
    if is_coordinator(user):
        return qs
    return qs.filter(region_id__in=official_region_ids(user))


def response_for(*, campaign: Campaign, region: Region) -> Response | None:
    return Response.objects.filter(campaign=campaign, region=region).first()


def response_answers(*, response: Response) -> dict[int, Answer]:
    return {a.question_id: a for a in response.answers.select_related("answered_by")}


def response_comments(*, response: Response, open_only: bool = False) -> dict[int, list[ReviewComment]]:
    comments: dict[int, list[ReviewComment]] = {}
    qs = response.review_comments.select_related("created_by")
    if open_only:
        qs = qs.filter(resolved=False)
    for comment in qs:
        comments.setdefault(comment.question_id, []).append(comment)
    return comments


def response_disagreements(*, response: Response) -> dict[int, list[dict]]:
    """Question id -> the different values that different officials gave before submission."""
    from mapping.models import AnswerChange

    by_answer: dict[int, dict] = {}
    rows = (
        AnswerChange.objects.filter(response=response)
        .select_related("changed_by", "answer")
        .order_by("changed_at", "id")
    )
    for change in rows:
        if change.changed_by_id is None:
            continue
        entry = by_answer.setdefault(change.answer.question_id, {})
        entry[change.changed_by_id] = {
            "user": change.changed_by.get_username(),
            "value": change.new_value,
            "at": change.changed_at,
        }
    result = {}
    for question_id, by_user in by_answer.items():
        distinct_values = {repr(item["value"]) for item in by_user.values()}
        if len(by_user) > 1 and len(distinct_values) > 1:
            result[question_id] = list(by_user.values())
    return result


def official_open_responses(*, user: User, today) -> list[tuple[Campaign, Region, Response | None]]:
    """Open campaigns for the user's regions, with the region's response where started."""
    region_ids = official_region_ids(user)
    if not region_ids:
        return []
    campaigns = (
        Campaign.objects.filter(regions__in=region_ids, opens_on__lte=today)
        .prefetch_related(Prefetch("regions", queryset=Region.objects.filter(pk__in=region_ids), to_attr="mine"))
        .distinct()
        .order_by("deadline")
    )
    campaigns = list(campaigns)
    responses = {
        (r.campaign_id, r.region_id): r
        for r in Response.objects.filter(campaign__in=campaigns, region_id__in=region_ids)
    }
    rows = []
    for campaign in campaigns:
        for region in campaign.mine:
            rows.append((campaign, region, responses.get((campaign.pk, region.pk))))
    return rows


def finding_list(*, user: User) -> QuerySet[Finding]:
    qs = Finding.objects.select_related("region", "theme", "rule__theme", "campaign")
    if is_coordinator(user):
        return qs
    region_ids = official_region_ids(user)
    return qs.filter(Q(status=Finding.Status.CONFIRMED) | Q(region_id__in=region_ids, status=Finding.Status.SUGGESTED))


# Public results ---------------------------------------------------------------------------


def region_accepted_responses(*, region: Region) -> list[Response]:
    """The region's accepted responses, newest campaign first."""
    return list(
        Response.objects.filter(region=region, status=Response.Status.ACCEPTED)
        .select_related("campaign")
        .order_by("-campaign__opens_on")
    )


def latest_accepted_response(*, region_id: int) -> Response | None:
    """The region's accepted response of the most recent campaign; drafts and returned ones never count."""
    return (
        Response.objects.filter(region_id=region_id, status=Response.Status.ACCEPTED)
        .select_related("campaign")
        .order_by("-campaign__opens_on", "-campaign_id")
        .first()
    )


def answer_confidence(*, response: Response | None) -> dict[int, dict]:
    """Per theme, how many scored answers carry high, medium, low or no confidence (aggregates only)."""
    if response is None:
        return {}
    rows = (
        Answer.objects.filter(response=response, applicable=True, score__isnull=False)
        .values("question__theme_id")
        .annotate(
            high=Count("id", filter=Q(confidence="high")),
            medium=Count("id", filter=Q(confidence="medium")),
            low=Count("id", filter=Q(confidence="low")),
            total=Count("id"),
            sourced=Count("id", filter=~Q(evidence_source="")),
        )
        .order_by()
    )
    return {row["question__theme_id"]: row for row in rows}


def region_confirmed_findings(*, region: Region) -> list[Finding]:
    return list(Finding.objects.filter(region=region, status=Finding.Status.CONFIRMED).select_related("theme")[:50])


def score_map_regions(*, region_ids) -> QuerySet[Region]:
    """The regions drawn on a score map: every scored region, and every level-2 region as the background."""
    return Region.objects.filter(Q(pk__in=region_ids) | Q(level=2))


def regions_scored(*, region_ids) -> QuerySet[Region]:
    return Region.objects.filter(pk__in=region_ids)
