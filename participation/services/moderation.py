"""Moderation by coordinators: hiding comments with a reason, abuse reports, blocking commenters."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from participation import caching
from participation.models import AbuseReport, Comment, CommentBlock


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason: it is shown in place of the comment.")})
    return reason[:300]


@transaction.atomic
def comment_hide(*, comment: Comment, reason: str, by: User) -> Comment:
    comment.hidden_reason = _reason(reason)
    comment.hidden_at = timezone.now()
    comment.hidden_by = by
    comment.save(update_fields=["hidden_reason", "hidden_at", "hidden_by"])
    AbuseReport.objects.filter(comment=comment, outcome=AbuseReport.Outcome.PENDING).update(
        outcome=AbuseReport.Outcome.HIDDEN, handled_by=by, handled_at=timezone.now()
    )
    caching.public_changed()
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, by: User) -> Comment:
    comment.hidden_reason, comment.hidden_at, comment.hidden_by = "", None, None
    comment.save(update_fields=["hidden_reason", "hidden_at", "hidden_by"])
    caching.public_changed()
    return comment


def abuse_report_create(*, comment: Comment, reporter: User, reason: str) -> AbuseReport:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with this comment.")})
    if comment.author_id == reporter.pk:
        raise ValidationError(_("You cannot report your own comment."))
    try:
        with transaction.atomic():
            return AbuseReport.objects.create(comment=comment, reporter=reporter, reason=reason[:300])
    except IntegrityError:
        raise ValidationError(_("You have already reported this comment.")) from None


@transaction.atomic
def abuse_report_dismiss(*, report: AbuseReport, by: User) -> AbuseReport:
    report.outcome, report.handled_by, report.handled_at = AbuseReport.Outcome.DISMISSED, by, timezone.now()
    report.save(update_fields=["outcome", "handled_by", "handled_at"])
    return report


@transaction.atomic
def user_block(*, user: User, reason: str, by: User) -> CommentBlock:
    if user.is_coordinator:
        raise ValidationError(_("Coordinators cannot be blocked."))
    block, _created = CommentBlock.objects.update_or_create(
        user=user, defaults={"reason": _reason(reason), "blocked_by": by}
    )
    return block


@transaction.atomic
def user_unblock(*, user: User) -> None:
    CommentBlock.objects.filter(user=user).delete()
