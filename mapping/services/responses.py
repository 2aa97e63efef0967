from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping import values as answer_values
from mapping.models import (
    Answer,
    AnswerChange,
    Campaign,
    Question,
    Response,
    ResponseEvent,
    ReviewComment,
)
from mapping.selectors import Completeness, completeness, version_questions
from mapping.services.carry_over import response_carry_over
from regions.models import Region
from saphire.page_cache import SCORES, changes

EVIDENCE_FIELDS = ["evidence_source", "evidence_year", "evidence_note", "confidence"]


class AnswerConflict(Exception):
    """A save based on an older revision than the stored answer."""

    def __init__(self, current: Answer, submitted):
        super().__init__("stale answer")
        self.current = current
        self.submitted = submitted


class ResponseLocked(ValidationError):
    pass


@transaction.atomic
def response_start(*, campaign: Campaign, region: Region) -> Response:
    if not campaign.regions.filter(pk=region.pk).exists():
        raise ValidationError(_("This campaign was not sent to %(region)s.") % {"region": region.code})
    response, created = Response.objects.get_or_create(campaign=campaign, region=region)
    if created and campaign.carry_over:
        questions = version_questions(campaign.version_id)
        if response_carry_over(response=response, questions=questions):
            _refresh_progress(response, questions)
    return response


def _ensure_editable(response: Response) -> None:
    if not response.is_editable:
        raise ResponseLocked(
            _("This response is %(status)s and can no longer be changed.")
            % {"status": response.get_status_display().lower()}
        )


def counted_values(rows) -> dict[int, object]:
    """Question id -> value from (question_id, value, carried_over) rows: an answer carried over from
    an earlier campaign counts only once an official has confirmed it."""
    return {qid: value for qid, value, carried in rows if not carried}


def _refresh_progress(response: Response, questions: list[Question]) -> Completeness:
    rows = list(response.answers.values_list("id", "question_id", "value", "applicable", "carried_over"))
    state = completeness(questions=questions, values=counted_values((qid, v, c) for _i, qid, v, _a, c in rows))
    now_hidden = [aid for aid, qid, _v, applicable, _c in rows if applicable and qid not in state.visible]
    now_shown = [aid for aid, qid, _v, applicable, _c in rows if not applicable and qid in state.visible]
    if now_hidden:
        Answer.objects.filter(pk__in=now_hidden).update(applicable=False)
    if now_shown:
        Answer.objects.filter(pk__in=now_shown).update(applicable=True)
    Response.objects.filter(pk=response.pk).update(
        progress=state.progress, missing_count=len(state.missing), updated_at=timezone.now()
    )
    response.progress, response.missing_count = state.progress, len(state.missing)
    return state


@transaction.atomic
def answer_save(
    *,
    response: Response,
    question: Question,
    value,
    base_revision: int,
    by: User,
    evidence: dict | None = None,
) -> Answer:
    """Validate and store one answer; refuse a save based on a stale revision (AnswerConflict).

    Records the change in the history and updates the response's progress and the
    applicability of questions that depend on this one.
    """
    if question.version_id != response.campaign.version_id:
        raise ValidationError(_("This question is not part of the campaign's questionnaire."))
    cleaned = answer_values.clean_value(question, value)
    evidence = _clean_evidence(evidence or {})
    response = Response.objects.select_for_update().select_related("campaign").get(pk=response.pk)
    _ensure_editable(response)
    answer = Answer.objects.select_for_update().filter(response=response, question=question).first()
    if answer is None:
        if base_revision:
            raise ValidationError(_("The answer you based this on no longer exists; reload the page."))
        try:
            with transaction.atomic():
                answer = Answer.objects.create(response=response, question=question, revision=0)
        except IntegrityError:
            answer = Answer.objects.select_for_update().get(response=response, question=question)
    if answer.revision != base_revision:
        unchanged = answer.value == cleaned and all(getattr(answer, k) == v for k, v in evidence.items())
        if not unchanged:
            raise AnswerConflict(current=answer, submitted=cleaned)
        return answer
    old = answer.value
    changed = {key: [getattr(answer, key), item] for key, item in evidence.items() if getattr(answer, key) != item}
    # Saving a carried-over answer, changed or as it is, is the official confirming it.
    if answer.carried_over:
        changed["carried_over"] = [True, False]
    if old == cleaned and not changed:
        return answer
    answer.value = cleaned
    answer.score = answer_values.score(question, cleaned)
    for key, item in evidence.items():
        setattr(answer, key, item)
    answer.carried_over = False
    answer.revision += 1
    answer.answered_by = by
    answer.save()
    AnswerChange.objects.create(
        answer=answer,
        response=response,
        changed_by=by,
        old_value=old,
        new_value=cleaned,
        fields=changed,
        revision=answer.revision,
    )
    questions = version_questions(response.campaign.version_id)
    state = _refresh_progress(response, questions)
    answer.applicable = question.pk in state.visible
    # Callers read the new progress and the question from here without another query.
    answer.response = response
    answer.question = question
    return answer


def _clean_evidence(evidence: dict) -> dict:
    cleaned, errors = {}, {}
    for key in EVIDENCE_FIELDS:
        if key not in evidence:
            continue
        item = evidence[key]
        item = "" if item is None else item
        if key == "evidence_year":
            if item in ("", None):
                cleaned[key] = None
                continue
            try:
                year = int(str(item).strip())
            except ValueError:
                errors[key] = _("Enter a year such as 2024.")
                continue
            if not 1950 <= year <= timezone.now().year + 1:
                errors[key] = _("Enter a year between 1950 and %(max)s.") % {"max": timezone.now().year + 1}
                continue
            cleaned[key] = year
        elif key == "evidence_source":
            if item and item not in Answer.Source.values:
                errors[key] = _("Choose document, statistic or expert judgement.")
                continue
            cleaned[key] = item
        elif key == "confidence":
            if item and item not in Answer.Confidence.values:
                errors[key] = _("Choose low, medium or high.")
                continue
            cleaned[key] = item
        else:
            cleaned[key] = str(item).strip()[:300]
    if errors:
        raise ValidationError(errors)
    return cleaned


def response_missing(*, response: Response) -> list[Question]:
    questions = version_questions(response.campaign.version_id)
    values = counted_values(response.answers.values_list("question_id", "value", "carried_over"))
    return completeness(questions=questions, values=values).missing


@transaction.atomic
def response_submit(*, response: Response, by: User) -> Response:
    response = Response.objects.select_for_update().select_related("campaign").get(pk=response.pk)
    _ensure_editable(response)
    missing = response_missing(response=response)
    if missing:
        raise ValidationError(
            _("Answer every required question before submitting. Missing: %(codes)s")
            % {"codes": ", ".join(q.code for q in missing)},
            code="incomplete",
            params={"missing": [q.pk for q in missing]},
        )
    response.status = Response.Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.save(update_fields=["status", "submitted_at", "updated_at"])
    # Review comments stay open: the coordinator resolves them after reading the replies and changes.
    ResponseEvent.objects.create(response=response, kind=ResponseEvent.Kind.SUBMITTED, by=by)
    return response


@changes(SCORES)
@transaction.atomic
def response_return(*, response: Response, by: User, comment: str = "", question_comments: dict[int, str]) -> Response:
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted response can be returned."))
    question_comments = {qid: text.strip() for qid, text in question_comments.items() if text and text.strip()}
    valid = set(
        Question.objects.filter(version_id=response.campaign.version_id, pk__in=question_comments).values_list(
            "pk", flat=True
        )
    )
    question_comments = {qid: text for qid, text in question_comments.items() if qid in valid}
    comment = comment.strip()
    if not question_comments and not comment:
        raise ValidationError(_("Say what needs work: write a general comment or comment on at least one question."))
    threads = [ReviewComment(response=response, question=None, text=comment, created_by=by)] if comment else []
    threads += [
        ReviewComment(response=response, question_id=qid, text=text, created_by=by)
        for qid, text in question_comments.items()
    ]
    ReviewComment.objects.bulk_create(threads)
    response.status = Response.Status.RETURNED
    response.save(update_fields=["status", "updated_at"])
    ResponseEvent.objects.create(response=response, kind=ResponseEvent.Kind.RETURNED, by=by, comment=comment)
    _notify_officials(
        response,
        _("Your mapping response for %(region)s was returned") % {"region": response.region.code},
        _("A coordinator returned the response with comments. Please review them and resubmit."),
    )
    return response


@changes(SCORES)
@transaction.atomic
def response_accept(*, response: Response, by: User) -> Response:
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted response can be accepted."))
    response.status = Response.Status.ACCEPTED
    response.accepted_at = timezone.now()
    response.save(update_fields=["status", "accepted_at", "updated_at"])
    ResponseEvent.objects.create(response=response, kind=ResponseEvent.Kind.ACCEPTED, by=by)
    return response


def _notify_officials(response: Response, subject: str, body: str) -> None:
    from saphire.mail import email_queue

    emails = list(User.objects.filter(region_memberships__region_id=response.region_id).values_list("email", flat=True))
    email_queue(subject=str(subject), body=str(body), recipients=emails)
