"""Who may do what with regions, population groups, organisations and contacts."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from regions.models import Contact, Organisation, OrganisationLink, PopulationGroup, Region
from saphire.roles import is_coordinator, is_official_of, official_region_ids

AnyUser = User | AnonymousUser


def can_edit_region(user: AnyUser, region: Region) -> bool:
    return is_coordinator(user) or is_official_of(user, region.id)


def can_create_population_group(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(official_region_ids(user))


def can_edit_population_group(user: AnyUser, group: PopulationGroup, region_ids: set[int] | None = None) -> bool:
    """Coordinators, and officials of any region the group is linked to."""
    if is_coordinator(user):
        return True
    if region_ids is None:
        region_ids = {region.id for region in group.regions.all()}
    return bool(region_ids & official_region_ids(user))


def population_group_regions_refused(
    user: AnyUser, regions: list[Region], group: PopulationGroup | None = None
) -> tuple[list[Region], set[int]]:
    """What `user` may not change in the regions of a group: (regions they may not add, ids of regions
    they may not remove). Coordinators change any; officials add and remove only their own regions,
    and keep the others the group already has."""
    if is_coordinator(user):
        return [], set()
    own = official_region_ids(user)
    existing = {region.id for region in group.regions.all()} if group is not None and group.pk else set()
    foreign = [region for region in regions if region.id not in own and region.id not in existing]
    removed = existing - {region.id for region in regions} - own
    return foreign, removed


def can_register_organisation(user: AnyUser) -> bool:
    return user.is_authenticated


def can_review_organisation(user: AnyUser, organisation: Organisation) -> bool:
    return is_coordinator(user)


def can_edit_organisation(user: AnyUser, organisation: Organisation) -> bool:
    if is_coordinator(user) or is_official_of(user, organisation.region_id):
        return True
    return user.is_authenticated and organisation.submitted_by_id == user.id


def can_place_organisation_in(user: AnyUser, region: Region, organisation: Organisation | None = None) -> bool:
    """Whether the user may register or move an organisation into `region`. Contacts follow their
    organisation and the region's officials read them, so an official places organisations only in
    their own regions; coordinators anywhere; anyone else anywhere, for a coordinator to review.
    Keeping an organisation where it is is always allowed."""
    if is_coordinator(user) or (organisation is not None and organisation.region_id == region.id):
        return True
    own = official_region_ids(user)
    return region.id in own if own else user.is_authenticated


def registration_applies_at_once(user: AnyUser) -> bool:
    """A coordinator's new organisation is approved at once; anyone else's waits for review."""
    return is_coordinator(user)


def edits_apply_at_once(user: AnyUser, organisation: Organisation) -> bool:
    """Coordinators and the region's officials change an organisation at once; anyone else's changes to
    an approved organisation wait for a coordinator's review."""
    return is_coordinator(user) or is_official_of(user, organisation.region_id)


def link_applies_at_once(user: AnyUser, source: Organisation, target: Organisation) -> bool:
    """Links recorded by coordinators or the officials of either end are shown at once; others are reviewed."""
    return is_coordinator(user) or is_official_of(user, source.region_id) or is_official_of(user, target.region_id)


def can_review_link(user: AnyUser, link: OrganisationLink) -> bool:
    return is_coordinator(user)


def can_view_contacts(user: AnyUser, organisation: Organisation) -> bool:
    return is_coordinator(user) or is_official_of(user, organisation.region_id)


def can_manage_contact(user: AnyUser, contact: Contact) -> bool:
    return can_view_contacts(user, contact.organisation)


def can_link_organisations(user: AnyUser, source: Organisation, target: Organisation) -> bool:
    """Either side's editors may record the collaboration."""
    return can_edit_organisation(user, source) or can_edit_organisation(user, target)


def can_use_contacts(user: AnyUser) -> bool:
    """Contacts are for coordinators and regional officials only."""
    return is_coordinator(user) or bool(official_region_ids(user))
