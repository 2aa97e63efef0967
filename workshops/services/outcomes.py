"""Outcomes of an event: feedback, minutes, attachments, findings recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Finding, Theme
from mapping.services import finding_create, finding_set_status
from regions.models import Region
from saphire.page_cache import EVENTS, changes
from workshops.models import (
    Attachment,
    Event,
    EventFinding,
    Feedback,
    FeedbackAnswer,
    FeedbackQuestion,
)
from workshops.services._common import _when

# Attachments: what a browser and a regional office can open, and not more than this.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg", "jpeg", "csv", "txt", "md"}


# Outcomes ----------------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *,
    event: Event,
    user: User,
    rating: int,
    useful: str = "",
    improve: str = "",
    answers: dict[int, int | str | None] | None = None,
) -> Feedback:
    """Save the person's feedback; `answers` maps the event kind's question ids to a rating or a text.

    A second submit replaces the first, answers included.
    """
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": [_("Rate from 1 to 5.")]})
    questions = {q.pk: q for q in FeedbackQuestion.objects.filter(kind=event.kind, is_active=True)}
    answers = answers or {}
    errors = {}
    rows = []
    for pk, question in questions.items():
        value = answers.get(pk)
        if value in (None, ""):
            if question.required:
                errors[f"question_{pk}"] = [_("Please answer this question.")]
            continue
        if question.answer == FeedbackQuestion.Answer.RATING:
            if not str(value).isdigit() or not 1 <= int(value) <= 5:
                errors[f"question_{pk}"] = [_("Rate from 1 to 5.")]
                continue
            rows.append(FeedbackAnswer(question=question, rating=int(value)))
        else:
            rows.append(FeedbackAnswer(question=question, text=str(value)))
    if errors:
        raise ValidationError(errors)
    feedback, _created = Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": rating, "useful": useful, "improve": improve}
    )
    feedback.answers.all().delete()
    for row in rows:
        row.feedback = feedback
    FeedbackAnswer.objects.bulk_create(rows)
    return feedback


@transaction.atomic
def feedback_question_add(*, kind: str, text: str, answer: str, required: bool = False) -> FeedbackQuestion:
    errors = {}
    if kind not in Event.Kind.values:
        errors["kind"] = [_("Choose an event kind.")]
    if not text.strip():
        errors["text"] = [_("Write the question.")]
    if answer not in FeedbackQuestion.Answer.values:
        errors["answer"] = [_("Choose the kind of answer.")]
    if errors:
        raise ValidationError(errors)
    last = FeedbackQuestion.objects.filter(kind=kind).order_by("-order").values_list("order", flat=True).first()
    return FeedbackQuestion.objects.create(
        kind=kind, text=text.strip(), answer=answer, required=required, order=(last or 0) + 1
    )


def feedback_question_retire(*, question: FeedbackQuestion) -> None:
    """Stop asking it; answers already given keep it."""
    question.is_active = False
    question.save(update_fields=["is_active"])


@changes(EVENTS)
@transaction.atomic
def minutes_update(*, event: Event, minutes: str, by: User) -> Event:
    event.minutes = minutes
    event.save(update_fields=["minutes", "updated_at"])
    return event


def attachment_validate(*, name: str, size: int) -> None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {
                "file": [
                    _("Files of type “.%(ext)s” are not accepted. Use one of: %(allowed)s.")
                    % {"ext": extension or "?", "allowed": ", ".join(sorted(ATTACHMENT_EXTENSIONS))}
                ]
            }
        )
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": [
                    _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                    % {"size": size / 1024 / 1024, "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024}
                ]
            }
        )
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})


@changes(EVENTS)
@transaction.atomic
def attachment_add(*, event: Event, title: str, file, by: User) -> Attachment:
    attachment_validate(name=file.name, size=file.size)
    return Attachment.objects.create(
        event=event, title=title.strip() or file.name, file=file, size=file.size, uploaded_by=by
    )


@changes(EVENTS)
@transaction.atomic
def event_finding_record(
    *,
    event: Event,
    region: Region,
    theme: Theme,
    kind: str,
    severity: int,
    title: str,
    description: str = "",
    by: User,
) -> Finding:
    """A finding made at the event: a mapping Finding (source workshop) linked to the event."""
    if not event.host_regions.filter(pk=region.pk).exists():
        raise ValidationError({"region": [_("Choose one of the event's host regions.")]})
    values = {
        "region": region,
        "theme": theme,
        "kind": kind,
        "severity": severity,
        "title": title,
        "description": description,
        "evidence": _("Recorded at “%(title)s” (%(date)s).") % {"title": event.title, "date": _when(event)},
        "source": Finding.Source.WORKSHOP,
        "status": Finding.Status.CONFIRMED,
        "created_by": by,
    }
    finding = finding_create(**values)
    EventFinding.objects.create(event=event, finding=finding)
    return finding


@changes(EVENTS)
def event_finding_settle(*, event: Event, finding: Finding, status: str, by: User) -> Finding:
    """The event confirms a host region's finding, or closes it (dismissed: the workshop found it settled)."""
    if status not in (Finding.Status.CONFIRMED, Finding.Status.DISMISSED):
        raise ValidationError({"status": [_("Confirm or close the finding.")]})
    if not event.host_regions.filter(pk=finding.region_id).exists():
        raise ValidationError({"finding": [_("The finding must belong to one of the event's host regions.")]})
    return finding_set_status(finding=finding, status=status)
