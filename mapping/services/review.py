"""The review conversation: comment threads on a returned response, their replies and resolution."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import ResponseEvent, ReviewComment

MAX_COMMENT = 4000


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a reply first.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": _("Keep it under %(n)s characters.") % {"n": MAX_COMMENT}})
    return text


def _thread(comment: ReviewComment) -> ReviewComment:
    return comment.parent if comment.parent_id else comment


@transaction.atomic
def comment_reply(*, thread: ReviewComment, text: str, by: User) -> ReviewComment:
    """Add a reply to an open thread, recorded in the response's timeline."""
    thread = ReviewComment.objects.select_for_update().get(pk=_thread(thread).pk)
    if thread.resolved:
        raise ValidationError(_("This comment was resolved; it takes no more replies."))
    reply = ReviewComment.objects.create(
        response_id=thread.response_id,
        question_id=thread.question_id,
        parent=thread,
        text=_clean_text(text),
        created_by=by,
    )
    ResponseEvent.objects.create(
        response_id=thread.response_id,
        kind=ResponseEvent.Kind.REPLIED,
        by=by,
        question_id=thread.question_id,
        comment=reply.text,
    )
    return reply


@transaction.atomic
def comment_set_resolved(*, thread: ReviewComment, resolved: bool, by: User) -> ReviewComment:
    """Resolve or reopen a thread; setting the state it already has changes nothing and records nothing."""
    thread = ReviewComment.objects.select_for_update().get(pk=_thread(thread).pk)
    if thread.resolved == resolved:
        return thread
    thread.resolved = resolved
    thread.resolved_by = by if resolved else None
    thread.resolved_at = timezone.now() if resolved else None
    thread.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    ResponseEvent.objects.create(
        response_id=thread.response_id,
        kind=ResponseEvent.Kind.RESOLVED if resolved else ResponseEvent.Kind.REOPENED,
        by=by,
        question_id=thread.question_id,
        comment=thread.text[:200],
    )
    return thread
