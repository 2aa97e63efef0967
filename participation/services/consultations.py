"""Consultations: opening, comments and replies, the region's answers, endorsements, closing, changes made."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from participation import caching, notify, permissions, text, throttle
from participation.models import WHOLE_ROADMAP, Comment, Consultation, Endorsement, ItemChange
from roadmap import caching as roadmap_caching
from roadmap.models import RegionRoadmap
from roadmap.services import roadmap_snapshot

MAX_COMMENT_LENGTH = 5000


@transaction.atomic
def consultation_open(
    *, roadmap: RegionRoadmap, title: str, start_date: date, end_date: date, by: User, introduction: str = ""
) -> Consultation:
    """Freeze the draft roadmap for comments; the region's followers hear of it once it is open."""
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    if end_date < timezone.localdate():
        raise ValidationError({"end_date": _("The end is already past.")})
    if not roadmap.items.exists():
        raise ValidationError(_("Add modules to the draft roadmap before opening it for comments."))
    running = Consultation.objects.filter(roadmap=roadmap, closed_at__isnull=True, end_date__gte=timezone.localdate())
    if running.exists():
        raise ValidationError(_("This roadmap already has a consultation open or planned."))
    consultation = Consultation.objects.create(
        roadmap=roadmap,
        region_id=roadmap.region_id,
        title=title,
        introduction=introduction,
        start_date=start_date,
        end_date=end_date,
        snapshot=roadmap_snapshot(roadmap),
        opened_by=by,
    )
    notify.consultation_opened(consultation=consultation, actor=by)
    caching.public_changed()
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, by: User) -> Consultation:
    if consultation.closed_at is None:
        consultation.closed_at = timezone.now()
        consultation.save(update_fields=["closed_at"])
        caching.public_changed()
    return consultation


def _check_item(consultation: Consultation, item_code: str) -> None:
    if item_code != WHOLE_ROADMAP and item_code not in consultation.item_codes():
        raise ValidationError({"item_code": _("This roadmap has no such item.")})


@transaction.atomic
def comment_create(
    *,
    consultation: Consultation,
    author: User,
    body: str,
    item_code: str = WHOLE_ROADMAP,
    parent: Comment | None = None,
    as_region_answer: bool = False,
) -> Comment:
    """A comment, a reply (`parent`), or the region's answer (its officials only); notifies whom it concerns."""
    if not permissions.can_take_part(author, consultation):
        if permissions.is_blocked(author):
            raise ValidationError(_("You can no longer comment on consultations."), code="blocked")
        raise ValidationError(_("This consultation is not open for comments."), code="closed")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationError({"body": _("At most %(n)s characters.") % {"n": MAX_COMMENT_LENGTH}})
    if parent is not None:
        if parent.consultation_id != consultation.pk or parent.is_hidden:
            raise ValidationError({"parent": _("You cannot reply to this comment.")})
        item_code = parent.item_code
    _check_item(consultation, item_code)
    if as_region_answer and not permissions.can_answer_for_region(author, consultation):
        raise ValidationError({"as_region_answer": _("Only the region's officials answer for the region.")})
    throttle.check_and_count(user=author, action="comment")
    comment = Comment.objects.create(
        consultation=consultation,
        item_code=item_code,
        parent=parent,
        author=author,
        body=body,
        body_html=text.comment_html(body),
        is_region_answer=as_region_answer,
    )
    if parent is not None and parent.author_id and parent.author_id != author.pk:
        notify.comment_answered(comment=comment, to=parent.author, region_answer=as_region_answer, actor=author)
    caching.public_changed()
    return comment


def endorsement_toggle(*, consultation: Consultation, item_code: str, user: User) -> bool:
    """Endorse an item, or withdraw the endorsement; True when the user endorses it afterwards."""
    if not permissions.can_take_part(user, consultation):
        raise ValidationError(_("This consultation is not open for endorsements."), code="closed")
    if item_code == WHOLE_ROADMAP:
        raise ValidationError({"item_code": _("Choose an item to endorse.")})
    _check_item(consultation, item_code)
    with transaction.atomic():
        deleted, _rows = Endorsement.objects.filter(consultation=consultation, item_code=item_code, user=user).delete()
        if deleted:
            caching.public_changed()
            return False
        throttle.check_and_count(user=user, action="endorse")
        try:
            with transaction.atomic():
                Endorsement.objects.create(consultation=consultation, item_code=item_code, user=user)
        except IntegrityError:  # a double click: the first one counted
            pass
        caching.public_changed()
    return True


@transaction.atomic
def endorsement_create(*, consultation: Consultation, item_code: str, user: User) -> Endorsement:
    """One endorsement per person and item (the API's create); a second is refused."""
    if not permissions.can_take_part(user, consultation):
        raise ValidationError(_("This consultation is not open for endorsements."), code="closed")
    _check_item(consultation, item_code)
    if item_code == WHOLE_ROADMAP:
        raise ValidationError({"item_code": _("Choose an item to endorse.")})
    if Endorsement.objects.filter(consultation=consultation, item_code=item_code, user=user).exists():
        raise ValidationError({"item_code": _("You already endorse this item.")})
    throttle.check_and_count(user=user, action="endorse")
    endorsement = Endorsement.objects.create(consultation=consultation, item_code=item_code, user=user)
    caching.public_changed()
    return endorsement


@transaction.atomic
def item_change_record(
    *, consultation: Consultation, item_code: str, description: str, comments: list[Comment], by: User
) -> ItemChange:
    """Record that an item changed because of `comments`; the published roadmap shows it from its next version."""
    _check_item(consultation, item_code)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what changed.")})
    if not comments:
        raise ValidationError({"comments": _("Choose the comments this change answers.")})
    if any(c.consultation_id != consultation.pk for c in comments):
        raise ValidationError({"comments": _("Choose comments of this consultation.")})
    change = ItemChange.objects.create(
        consultation=consultation, item_code=item_code, description=description, recorded_by=by
    )
    change.comments.set(comments)
    caching.public_changed()
    roadmap_caching.public_changed()
    return change
