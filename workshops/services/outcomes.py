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
)
from workshops.services._common import _when

# Attachments: what a browser and a regional office can open, and not more than this.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg", "jpeg", "csv", "txt", "md"}


# Outcomes ----------------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(*, event: Event, user: User, rating: int, useful: str = "", improve: str = "") -> Feedback:
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": [_("Rate from 1 to 5.")]})
    feedback, _created = Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": rating, "useful": useful, "improve": improve}
    )
    return feedback


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
