"""Writes: profile edits with their history, population groups, organisations, contacts and links."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from regions.fallback import FALLBACK_NUTS_VERSION, FALLBACK_REGIONS
from regions.models import (
    Contact,
    ContactErasure,
    Organisation,
    OrganisationLink,
    PopulationGroup,
    ProfileChange,
    Region,
)
from saphire.page_cache import ORGANISATIONS, REGIONS, content_changed

PROFILE_FIELDS = (
    "is_island", "is_outermost", "is_nspa", "mountain", "coastal", "urban_rural", "ris_group",
    "ris_subgroup", "ris_year", "population", "area_km2", "health_system_notes",
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
    group = PopulationGroup.objects.create(**data)
    group.regions.set(regions)
    ProfileChange.objects.create(
        population_group=group,
        changed_by=user,
        changes={"created": ["", group.name], "regions": ["", ", ".join(sorted(r.code for r in regions))]},
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
    for name, new in data.items():
        old = getattr(locked, name)
        if old != new:
            changes[name] = [str(old), str(new)]
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


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict, region: Region) -> Organisation:
    name = " ".join(data["name"].split())
    if organisation_duplicate(name=name, region=region, exclude_pk=organisation.pk):
        raise ValidationError({"name": _duplicate_message(name, region)})
    for key, value in {**data, "name": name}.items():
        setattr(organisation, key, value)
    organisation.region = region
    organisation.save()
    content_changed(ORGANISATIONS)
    return organisation


@transaction.atomic
def organisation_review(*, organisation: Organisation, approve: bool, note: str = "", user: User) -> Organisation:
    organisation.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    organisation.reviewed_by = user
    organisation.reviewed_at = timezone.now()
    organisation.review_note = note
    organisation.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    content_changed(ORGANISATIONS)
    return organisation


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
    *, source: Organisation, target: Organisation, kind: str, description: str = "", user: User
) -> OrganisationLink:
    if source.pk == target.pk:
        raise ValidationError({"target": _("An organisation cannot be linked to itself.")})
    if (
        OrganisationLink.objects.filter(source=source, target=target).exists()
        or OrganisationLink.objects.filter(source=target, target=source).exists()
    ):
        raise ValidationError({"target": _("These two organisations are already linked.")})
    try:
        with transaction.atomic():
            link = OrganisationLink.objects.create(
                source=source, target=target, kind=kind, description=description, created_by=user
            )
    except IntegrityError:
        raise ValidationError({"target": _("These two organisations are already linked.")}) from None
    content_changed(ORGANISATIONS)
    return link
