"""Writes: profile edits with their history, population groups, organisations, contacts and links."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from regions.fallback import FALLBACK_NUTS_VERSION, FALLBACK_REGIONS
from regions.models import (
    ORGANISATION_EDITABLE_FIELDS,
    Contact,
    ContactErasure,
    Organisation,
    OrganisationLink,
    OrganisationRevision,
    PopulationGroup,
    ProfileChange,
    Region,
)
from saphire.i18n import default_language, stored_values
from saphire.page_cache import ORGANISATIONS, REGIONS, content_changed

PROFILE_FIELDS = (
    "is_island", "is_outermost", "is_nspa", "mountain", "coastal", "urban_rural", "ris_group",
    "ris_subgroup", "ris_year", "health_system_notes",
)  # fmt: skip


class StaleEdit(ValidationError):
    """Someone else saved in the meantime; the caller shows the form again with what was typed."""


@transaction.atomic
def regions_load_fallback() -> int:
    """Create the built-in set of real regions (no shapes) where missing; returns how many were created."""
    created = 0
    by_code: dict[str, Region] = {
        region.code: region for region in Region.objects.filter(nuts_version=FALLBACK_NUTS_VERSION)
    }
    for code, level, name, name_national in sorted(FALLBACK_REGIONS, key=lambda row: row[1]):
        region, was_created = Region.objects.get_or_create(
            code=code,
            nuts_version=FALLBACK_NUTS_VERSION,
            defaults={
                "level": level,
                "country_code": code[:2],
                "name": name,
                "name_national": name_national,
                "parent": by_code.get(code[:-1]) if level else None,
            },
        )
        by_code[code] = region
        created += was_created
    content_changed(REGIONS)
    return created


def _display(instance, name: str, value) -> str:
    field = instance._meta.get_field(name)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return ""
    if hasattr(value, "all"):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


@transaction.atomic
def region_profile_update(*, region: Region, data: dict, expected_version: int, user: User) -> Region:
    """Save profile fields and record who changed what. Refuses (StaleEdit) when the profile was saved
    by someone else after `expected_version` was read."""
    locked = Region.objects.select_for_update().get(pk=region.pk)
    if locked.profile_version != expected_version:
        raise StaleEdit(
            _("Someone else saved this profile while you were editing. Review their changes and save again.")
        )
    changes = {}
    for name in PROFILE_FIELDS:
        if name not in data:
            continue
        old, new = getattr(locked, name), data[name]
        if old != new:
            changes[name] = [_display(locked, name, old), _display(locked, name, new)]
            setattr(locked, name, new)
    if changes:
        locked.profile_version = F("profile_version") + 1
        locked.profile_updated_at = timezone.now()
        locked.save(update_fields=[*changes, "profile_version", "profile_updated_at"])
        locked.refresh_from_db(fields=["profile_version"])
        ProfileChange.objects.create(region=locked, changed_by=user, changes=changes)
        content_changed(REGIONS)
    return locked


@transaction.atomic
def population_group_create(*, data: dict, regions: list[Region], user: User) -> PopulationGroup:
    """`data`: the texts in English under their plain names (`name`), other languages by column (`name_fr`)."""
    group = PopulationGroup.objects.create(**stored_values(PopulationGroup, data))
    group.regions.set(regions)
    ProfileChange.objects.create(
        population_group=group,
        changed_by=user,
        changes={"created": ["", group.name_en], "regions": ["", ", ".join(sorted(r.code for r in regions))]},
    )
    content_changed(REGIONS)
    return group


@transaction.atomic
def population_group_update(
    *, group: PopulationGroup, data: dict, regions: list[Region], expected_version: int, user: User
) -> PopulationGroup:
    locked = PopulationGroup.objects.select_for_update().get(pk=group.pk)
    if locked.version != expected_version:
        raise StaleEdit(_("Someone else saved this population group while you were editing. Review and save again."))
    changes = {}
    english = {f"{name}_{default_language()}": name for name in data}
    for name, new in stored_values(PopulationGroup, data).items():
        old = getattr(locked, name)
        if (old or None) != (new or None):
            # History names English texts as before (`name`), other languages by column (`name_fr`).
            changes[english.get(name, name)] = [str(old or ""), str(new or "")]
            setattr(locked, name, new)
    old_codes = sorted(r.code for r in locked.regions.all())
    new_codes = sorted(r.code for r in regions)
    if old_codes != new_codes:
        changes["regions"] = [", ".join(old_codes), ", ".join(new_codes)]
        locked.regions.set(regions)
    if changes:
        locked.version += 1
        locked.save()
        ProfileChange.objects.create(population_group=locked, changed_by=user, changes=changes)
        content_changed(REGIONS)
    return locked


def _duplicate_message(name: str, region: Region) -> str:
    return _("An organisation called “%(name)s” is already registered in %(region)s.") % {
        "name": name,
        "region": f"{region.code} {region.name}",
    }


def organisation_duplicate(*, name: str, region: Region, exclude_pk: int | None = None) -> Organisation | None:
    queryset = Organisation.objects.filter(name__iexact=name.strip(), region=region)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.first()


def organisation_register(*, data: dict, region: Region, user: User | None, approved: bool = False) -> Organisation:
    """A new organisation, awaiting a coordinator's approval unless `approved`. Same name (ignoring case)
    in the same region is refused."""
    name = " ".join(data["name"].split())
    if organisation_duplicate(name=name, region=region):
        raise ValidationError({"name": _duplicate_message(name, region)})
    status = Organisation.Status.APPROVED if approved else Organisation.Status.PENDING
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                **{**data, "name": name},
                region=region,
                submitted_by=user,
                status=status,
                reviewed_by=user if approved else None,
                reviewed_at=timezone.now() if approved else None,
            )
    except IntegrityError:
        # Two registrations of the same name at once: the unique index decides.
        raise ValidationError({"name": _duplicate_message(name, region)}) from None
    content_changed(ORGANISATIONS)
    return organisation


def _check_name_free(name: str, region: Region, organisation: Organisation) -> None:
    if organisation_duplicate(name=name, region=region, exclude_pk=organisation.pk):
        raise ValidationError({"name": _duplicate_message(name, region)})


def _apply(organisation: Organisation, data: dict, region: Region) -> Organisation:
    for key, value in data.items():
        setattr(organisation, key, value)
    organisation.region = region
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise ValidationError({"name": _duplicate_message(organisation.name, region)}) from None
    content_changed(ORGANISATIONS)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, data: dict, region: Region, user: User | None = None, reviewed: bool = False
) -> OrganisationRevision | None:
    """Save an edit. `reviewed`: the editor's changes need a coordinator's review (see
    permissions.edits_apply_at_once). Such changes to an approved organisation become its pending
    revision (replacing an earlier one), which is returned, and the approved version stays public; to an
    organisation not approved yet they apply and send it back to review. Otherwise they apply at once."""
    name = " ".join(data["name"].split())
    data = {**data, "name": name}
    _check_name_free(name, region, organisation)
    if not reviewed:
        _apply(organisation, data, region)
        return None
    if organisation.status != Organisation.Status.APPROVED:
        organisation.status = Organisation.Status.PENDING
        _apply(organisation, data, region)
        return None
    revision = (
        OrganisationRevision.objects.select_for_update()
        .filter(organisation=organisation, status=OrganisationRevision.Status.PENDING)
        .first()
    ) or OrganisationRevision(organisation=organisation)
    revision.data = {name: data[name] for name in ORGANISATION_EDITABLE_FIELDS}
    revision.region = region
    revision.submitted_by = user
    revision.submitted_at = timezone.now()
    try:
        with transaction.atomic():
            revision.save()
    except IntegrityError:
        raise ValidationError(_("Someone proposed changes at the same moment; try again.")) from None
    return revision


@transaction.atomic
def organisation_review(*, organisation: Organisation, approve: bool, note: str = "", user: User) -> Organisation:
    organisation.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    organisation.reviewed_by = user
    organisation.reviewed_at = timezone.now()
    organisation.review_note = note
    organisation.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    content_changed(ORGANISATIONS)
    return organisation


def organisation_pending_revision(*, organisation: Organisation) -> OrganisationRevision | None:
    return (
        organisation.revisions.filter(status=OrganisationRevision.Status.PENDING)
        .select_related("region", "submitted_by")
        .first()
    )


@transaction.atomic
def organisation_revision_review(
    *, revision: OrganisationRevision, approve: bool, note: str = "", user: User
) -> OrganisationRevision:
    """Approve (the organisation takes the proposed values) or reject a pending revision."""
    revision = (
        OrganisationRevision.objects.select_for_update().select_related("organisation", "region").get(pk=revision.pk)
    )
    if revision.status != OrganisationRevision.Status.PENDING:
        raise ValidationError(_("These changes were already reviewed."))
    if approve:
        organisation = Organisation.objects.select_for_update().get(pk=revision.organisation_id)
        data = {name: revision.data[name] for name in ORGANISATION_EDITABLE_FIELDS if name in revision.data}
        _check_name_free(data.get("name", organisation.name), revision.region, organisation)
        _apply(organisation, data, revision.region)
    revision.status = OrganisationRevision.Status.APPROVED if approve else OrganisationRevision.Status.REJECTED
    revision.reviewed_by = user
    revision.reviewed_at = timezone.now()
    revision.review_note = note
    revision.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    return revision


def contact_create(*, organisation: Organisation, data: dict, user: User) -> Contact:
    consent_at = timezone.now() if data.get("consent_given") else None
    return Contact.objects.create(organisation=organisation, created_by=user, consent_at=consent_at, **data)


def contact_export(*, contact: Contact) -> dict:
    """Everything stored about the person, for a data-subject access request."""
    return {
        "name": contact.name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "organisation": contact.organisation.name,
        "region": contact.organisation.region.code,
        "consent_given": contact.consent_given,
        "consent_at": contact.consent_at.isoformat() if contact.consent_at else None,
        "consent_note": contact.consent_note,
        "created_at": contact.created_at.isoformat(),
        "exported_at": timezone.now().isoformat(),
    }


@transaction.atomic
def contact_erase(*, contact: Contact, user: User) -> ContactErasure:
    """Delete the person's data, keeping only a record that an erasure happened and by whom."""
    erasure = ContactErasure.objects.create(organisation=contact.organisation, contact_id=contact.pk, erased_by=user)
    contact.delete()
    return erasure


def link_create(
    *, source: Organisation, target: Organisation, kind: str, description: str = "", user: User, reviewed: bool = False
) -> OrganisationLink:
    """Record a collaboration. `reviewed`: it stays pending until a coordinator approves it."""
    if source.pk == target.pk:
        raise ValidationError({"target": _("An organisation cannot be linked to itself.")})
    if (
        OrganisationLink.objects.filter(source=source, target=target).exists()
        or OrganisationLink.objects.filter(source=target, target=source).exists()
    ):
        raise ValidationError({"target": _("These two organisations are already linked.")})
    status = OrganisationLink.Status.PENDING if reviewed else OrganisationLink.Status.APPROVED
    try:
        with transaction.atomic():
            link = OrganisationLink.objects.create(
                source=source, target=target, kind=kind, description=description, created_by=user, status=status
            )
    except IntegrityError:
        raise ValidationError({"target": _("These two organisations are already linked.")}) from None
    content_changed(ORGANISATIONS)
    return link


def link_delete(*, link: OrganisationLink) -> None:
    """Remove a collaboration; the network pages drop it at once."""
    link.delete()
    content_changed(ORGANISATIONS)


@transaction.atomic
def link_review(*, link: OrganisationLink, approve: bool) -> OrganisationLink | None:
    """Approve a pending link, or reject it (it is deleted); returns the link, or None once deleted."""
    link = OrganisationLink.objects.select_for_update().get(pk=link.pk)
    if link.status != OrganisationLink.Status.PENDING:
        raise ValidationError(_("This link was already reviewed."))
    if not approve:
        link.delete()
        return None
    link.status = OrganisationLink.Status.APPROVED
    link.save(update_fields=["status"])
    content_changed(ORGANISATIONS)
    return link
