"""Interest in a pilot or a partner region: the owner hears of it and replies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from participation import notify, permissions
from participation.models import Interest
from regions.models import Region
from roadmap.models import Pilot


@transaction.atomic
def interest_create(
    *,
    user: User,
    message: str,
    share_contact: bool,
    pilot: Pilot | None = None,
    region: Region | None = None,
    from_region: Region | None = None,
) -> Interest:
    if (pilot is None) == (region is None):
        raise ValidationError(_("Choose a pilot or a partner region."))
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write a few words about your interest.")})
    interest = Interest.objects.create(
        pilot=pilot, region=region, from_region=from_region, user=user, message=message, share_contact=share_contact
    )
    notify.interest_received(interest=interest, actor=user)
    return interest


@transaction.atomic
def interest_reply(*, interest: Interest, by: User, reply: str, share_contact: bool) -> Interest:
    if not permissions.can_reply_interest(by, interest):
        raise ValidationError(_("Only the owner can reply."))
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("Write your reply.")})
    interest.reply, interest.reply_share_contact = reply, share_contact
    interest.replied_by, interest.replied_at = by, timezone.now()
    interest.save(update_fields=["reply", "reply_share_contact", "replied_by", "replied_at"])
    notify.interest_replied(interest=interest, actor=by)
    return interest
