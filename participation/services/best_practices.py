"""The best-practice library: regions propose, a coordinator reviews and publishes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Finding
from participation import caching, notify
from participation.models import BEST_PRACTICE_FIELDS, BestPractice
from roadmap import caching as roadmap_caching

FIELDS = BEST_PRACTICE_FIELDS


@transaction.atomic
def best_practice_save(
    *, practice: BestPractice | None = None, by: User, themes=(), modules=(), **fields
) -> BestPractice:
    """Create or edit a draft; editing a published practice sends it back to review unless a coordinator edits."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    if practice is None:
        practice = BestPractice(created_by=by)
    for name, value in fields.items():
        setattr(practice, name, value)
    if practice.status == BestPractice.Status.PUBLISHED and not by.is_coordinator:
        practice.status = BestPractice.Status.SUBMITTED
    practice.full_clean(exclude=["finding", "created_by", "published_by"])
    practice.save()
    practice.themes.set(themes)
    practice.modules.set(modules)
    if practice.status == BestPractice.Status.PUBLISHED:
        _published_changed()
    return practice


@transaction.atomic
def best_practice_submit(*, practice: BestPractice, by: User) -> BestPractice:
    if practice.status != BestPractice.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    practice.status = BestPractice.Status.SUBMITTED
    practice.save(update_fields=["status", "updated_at"])
    return practice


@transaction.atomic
def best_practice_return(*, practice: BestPractice, note: str, by: User) -> BestPractice:
    if practice.status == BestPractice.Status.DRAFT:
        raise ValidationError(_("This practice is a draft already."))
    was_published = practice.status == BestPractice.Status.PUBLISHED
    practice.status, practice.review_note = BestPractice.Status.DRAFT, (note or "").strip()[:300]
    practice.save(update_fields=["status", "review_note", "updated_at"])
    if was_published:
        _published_changed()
    return practice


@transaction.atomic
def best_practice_publish(*, practice: BestPractice, by: User) -> BestPractice:
    """Publish after review; the followers of each module it supports hear of it."""
    if practice.status == BestPractice.Status.PUBLISHED:
        return practice
    if not practice.modules.exists():
        raise ValidationError(_("Name at least one roadmap module the practice gives evidence for."))
    practice.status, practice.review_note = BestPractice.Status.PUBLISHED, ""
    practice.published_at, practice.published_by = timezone.now(), by
    practice.save(update_fields=["status", "review_note", "published_at", "published_by", "updated_at"])
    notify.best_practice_published(practice=practice, actor=by)
    _published_changed()
    return practice


@transaction.atomic
def best_practice_from_finding(*, finding: Finding, by: User) -> BestPractice:
    """A draft from a strength or best-practice finding (once: promoting it again opens the same draft)."""
    if finding.kind not in (Finding.Kind.STRENGTH, Finding.Kind.BEST_PRACTICE):
        raise ValidationError(_("Only strengths and best practices can be promoted."))
    existing = BestPractice.objects.filter(finding=finding).first()
    if existing is not None:
        return existing
    practice = BestPractice.objects.create(
        title=finding.title,
        region_id=finding.region_id,
        what_was_done=finding.description or finding.title,
        results=finding.evidence,
        finding=finding,
        created_by=by,
    )
    practice.themes.set([finding.theme_id])
    practice.modules.set(finding.theme.modules.filter(status="published").values_list("pk", flat=True))
    return practice


def _published_changed() -> None:
    caching.public_changed()
    # Module pages and the roadmap search show published practices.
    roadmap_caching.public_changed()
