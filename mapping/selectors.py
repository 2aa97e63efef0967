"""Reads of the mapping app, scoped to the user (out of scope means 404)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from accounts.models import User
from mapping import values as answer_values
from mapping.models import (
    Answer,
    AnswerChange,
    Campaign,
    Finding,
    FindingChange,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResponseEvent,
    ReviewComment,
    Section,
    Theme,
)
from mapping.timeline import in_field_order
from regions.models import Region
from saphire.roles import is_coordinator, official_region_ids

# Published versions never change, so their questions can be kept per process.
_version_questions: dict[int, list[Question]] = {}


def version_questions(version: QuestionnaireVersion | int) -> list[Question]:
    version_id = version if isinstance(version, int) else version.pk
    cached = _version_questions.get(version_id)
    if cached is not None:
        return cached
    questions = list(Question.objects.filter(version_id=version_id).select_related("section", "theme"))
    frozen = QuestionnaireVersion.objects.filter(pk=version_id, status=QuestionnaireVersion.Status.PUBLISHED).exists()
    if frozen:
        _version_questions[version_id] = questions
    return questions


@dataclass
class Completeness:
    visible: set[int]
    missing: list[Question]
    progress: int


def completeness(*, questions: list[Question], values: dict[int, object]) -> Completeness:
    visible = answer_values.visible_question_ids(questions, values)
    required = [q for q in questions if q.required and q.id in visible]
    missing = [q for q in required if answer_values.is_empty(values.get(q.id))]
    done = len(required) - len(missing)
    progress = 100 if not required else int(done * 100 / len(required))
    return Completeness(visible=visible, missing=missing, progress=progress)


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


def version_questions_in_order(*, version: QuestionnaireVersion) -> list[Question]:
    """The version's questions in the order an official meets them (section, then question order)."""
    return list(
        Question.objects.filter(version=version)
        .select_related("section")
        .order_by("section__order", "section_id", "order", "id")
    )


def version_structure(*, version: QuestionnaireVersion) -> list[Section]:
    """Sections with their questions (theme and condition) in two queries."""
    return list(
        version.sections.prefetch_related(Prefetch("questions", queryset=Question.objects.select_related("theme")))
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


def response_comments(*, response: Response, open_only: bool = False) -> dict[int | None, list[ReviewComment]]:
    """Question id (None: general) -> the threads on it, oldest first, each with `thread_replies`."""
    comments: dict[int | None, list[ReviewComment]] = {}
    qs = response.review_comments.filter(parent__isnull=True).select_related("created_by", "resolved_by")
    if open_only:
        qs = qs.filter(resolved=False)
    qs = qs.prefetch_related(
        Prefetch(
            "replies",
            queryset=ReviewComment.objects.select_related("created_by").order_by("created_at", "id"),
            to_attr="thread_replies",
        )
    )
    for comment in qs:
        comments.setdefault(comment.question_id, []).append(comment)
    return comments


def response_thread(*, response: Response, pk: int) -> ReviewComment:
    """One thread of the response (a reply's id gives its thread); DoesNotExist when not of this response."""
    comment = ReviewComment.objects.get(response=response, pk=pk)
    return comment.parent if comment.parent_id else comment


def open_general_comments(*, response_ids: list[int]) -> dict[int, list[ReviewComment]]:
    """Response id -> its open general review comments (not about one question), oldest first."""
    result: dict[int, list[ReviewComment]] = {}
    if not response_ids:
        return result
    rows = ReviewComment.objects.filter(
        response_id__in=response_ids, question__isnull=True, parent__isnull=True, resolved=False
    ).order_by("created_at", "id")
    for comment in rows:
        result.setdefault(comment.response_id, []).append(comment)
    return result


def changes_since_return(*, response: Response) -> dict[int, list[tuple[str, object, object]]]:
    """Question id -> [(field, value at the last return, value now)] for what the officials changed since the
    coordinator last returned the response; empty when it was never returned."""
    returned = response.events.filter(kind=ResponseEvent.Kind.RETURNED).order_by("-at", "-id").first()
    if returned is None:
        return {}
    first_last: dict[int, dict[str, list]] = {}
    rows = (
        AnswerChange.objects.filter(response=response, changed_at__gt=returned.at)
        .select_related("answer")
        .order_by("changed_at", "id")
    )
    for change in rows:
        fields = first_last.setdefault(change.answer.question_id, {})
        pairs = {"value": [change.old_value, change.new_value]} if change.old_value != change.new_value else {}
        pairs.update(change.fields or {})
        for name, (old, new) in pairs.items():
            if name in fields:
                fields[name][1] = new
            else:
                fields[name] = [old, new]
    return {
        qid: [(name, *fields[name]) for name in in_field_order(fields) if fields[name][0] != fields[name][1]]
        for qid, fields in first_last.items()
        if any(old != new for old, new in fields.values())
    }


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


def latest_accepted_response(*, region: Region | int, questionnaire=None) -> Response | None:
    """The region's accepted response of the newest campaign (of one questionnaire when given).

    Anything that speaks for the region (agendas, reports, carry-over) reads this one: a newer
    response still in progress or under review is not the region's answer yet.
    """
    region_id = region if isinstance(region, int) else region.pk
    qs = Response.objects.filter(region_id=region_id, status=Response.Status.ACCEPTED)
    if questionnaire is not None:
        questionnaire_id = questionnaire if isinstance(questionnaire, int) else questionnaire.pk
        qs = qs.filter(campaign__version__questionnaire_id=questionnaire_id)
    return qs.select_related("campaign").order_by("-campaign__opens_on", "-campaign_id").first()


def accepted_campaign_error(*, region: Region, campaign: Campaign) -> str:
    """Empty when the region has an accepted response in the campaign; otherwise the message that says
    so and names the latest campaign that has one (or that none has)."""
    if Response.objects.filter(region=region, campaign=campaign, status=Response.Status.ACCEPTED).exists():
        return ""
    latest = latest_accepted_response(region=region)
    if latest is None:
        return gettext("%(region)s has no accepted survey response in %(campaign)s, nor in any other campaign.") % {
            "region": region.code,
            "campaign": campaign.title,
        }
    return gettext(
        "%(region)s has no accepted survey response in %(campaign)s. "
        "The latest campaign with one is %(latest)s (id %(latest_id)s)."
    ) % {
        "region": region.code,
        "campaign": campaign.title,
        "latest": latest.campaign.title,
        "latest_id": latest.campaign_id,
    }


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


def finding_history(*, finding: Finding) -> list[FindingChange]:
    return list(finding.changes.select_related("by"))


def region_choices() -> list[tuple[str, str]]:
    """(code, name) of every region, for the searchable region list of the finding form."""
    return list(Region.objects.order_by("code").values_list("code", "name"))
