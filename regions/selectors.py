"""Reads, scoped to the user where it matters."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Case, Count, Exists, F, JSONField, OuterRef, Prefetch, Q, QuerySet, When
from django.http import Http404

from accounts.models import User
from regions.filters import IndicatorValueFilter, OrganisationFilter, RegionFilter
from regions.models import (
    Contact,
    Indicator,
    IndicatorValue,
    Organisation,
    OrganisationLink,
    OrganisationRevision,
    PopulationGroup,
    ProfileChange,
    Region,
)
from regions.statistics.peers import similar_regions
from saphire.roles import is_coordinator, official_region_ids

TYPOLOGY_FLAGS = ("is_island", "is_outermost", "is_nspa", "mountain", "coastal")


def region_list(*, filters: dict | None = None) -> QuerySet[Region]:
    queryset = Region.objects.defer("geometry", "health_system_notes").select_related("parent")
    return RegionFilter(filters or {}, queryset).qs


def region_get(*, code: str, version: int | None = None, geometry: bool = True) -> Region:
    """The region with this code; without a version, NUTS 2021 when present, else the newest.

    Shapes are large: `geometry=False` leaves the region's out (the profile draws it once, then caches it).
    """
    return region_and_versions(code=code, version=version, geometry=geometry)[0]


def region_and_versions(*, code: str, version: int | None = None, geometry: bool = True) -> tuple[Region, list[int]]:
    """`region_get`'s region, and every NUTS version that has this code, from the same query."""
    queryset = Region.objects.filter(code=code.upper()).select_related("parent").defer("parent__geometry")
    if not geometry:
        queryset = queryset.defer("geometry")
    regions = list(queryset.order_by("-nuts_version"))
    versions = sorted(r.nuts_version for r in regions)
    if version is not None:
        regions = [r for r in regions if r.nuts_version == version]
    if not regions:
        raise Http404(f"No region {code}.")
    return next((r for r in regions if r.nuts_version == 2021), regions[0]), versions


def region_versions(*, code: str) -> list[int]:
    return list(
        Region.objects.filter(code=code.upper()).order_by("nuts_version").values_list("nuts_version", flat=True)
    )


def region_children(*, region: Region) -> QuerySet[Region]:
    return region.children.defer("geometry").order_by("code")


def region_ancestors(*, region: Region) -> list[Region]:
    """Parents from the country down, fetched in one query (codes are prefixes of each other)."""
    codes = [region.code[:length] for length in range(2, len(region.code))]
    return list(
        Region.objects.filter(code__in=codes, nuts_version=region.nuts_version).defer("geometry").order_by("level")
    )


def region_family(*, region: Region) -> tuple[list[Region], list[Region], dict | None]:
    """The region's ancestors (country first), its children (by code) and its own shape, in one query."""
    codes = [region.code[:length] for length in range(2, len(region.code))]
    rows = (
        Region.objects.filter(Q(code__in=codes, nuts_version=region.nuts_version) | Q(parent=region) | Q(pk=region.pk))
        .defer("geometry")
        .annotate(shape=Case(When(pk=region.pk, then=F("geometry")), output_field=JSONField()))
        .order_by("level", "code")
    )
    ancestors, children, shape = [], [], None
    for row in rows:
        if row.pk == region.pk:
            shape = row.shape
        elif row.parent_id == region.pk:
            children.append(row)
        else:
            ancestors.append(row)
    return ancestors, children, shape


def map_regions(*, level: int, version: int) -> QuerySet[Region]:
    return Region.objects.filter(level=level, nuts_version=version, geometry__isnull=False).only(
        "id", "code", "nuts_version", "name", "name_national", "level", "country_code", "geometry", "label_point",
        "ris_group", "ris_subgroup", "urban_rural", *TYPOLOGY_FLAGS,
    )  # fmt: skip


def map_levels(*, version: int) -> list[int]:
    return list(
        Region.objects.filter(nuts_version=version, geometry__isnull=False)
        .values_list("level", flat=True)
        .distinct()
        .order_by("level")
    )


def nuts_versions() -> list[int]:
    return list(Region.objects.values_list("nuts_version", flat=True).distinct().order_by("nuts_version"))


def country_codes() -> list[str]:
    return list(Region.objects.values_list("country_code", flat=True).distinct().order_by("country_code"))


def peer_region_ids(*, region: Region) -> dict[str, list[int]]:
    """Regions of the same level and NUTS version that share the region's innovation group, one of its
    typologies (island, outermost, NSPA, mountain, coastal, urban/rural class), or its country; and,
    where statistics are imported, the most similar regions by them ("similar")."""
    peers: dict[str, list[int]] = {"innovation_group": [], "typology": [], "country": []}
    similar = [peer.region.id for peer in similar_regions(region=region)]
    if similar:
        peers["similar"] = similar
    rows = Region.objects.filter(level=region.level, nuts_version=region.nuts_version).exclude(pk=region.pk)
    own_flags = {flag for flag in TYPOLOGY_FLAGS if getattr(region, flag)}
    for row in rows.values("id", "ris_group", "country_code", "urban_rural", *TYPOLOGY_FLAGS).order_by("code"):
        if region.ris_group and row["ris_group"] == region.ris_group:
            peers["innovation_group"].append(row["id"])
        if any(row[flag] for flag in own_flags) or (region.urban_rural and row["urban_rural"] == region.urban_rural):
            peers["typology"].append(row["id"])
        if row["country_code"] == region.country_code:
            peers["country"].append(row["id"])
    return peers


def region_changes(*, region: Region, limit: int = 20) -> list[ProfileChange]:
    return list(region.changes.select_related("changed_by")[:limit])


# Population groups ------------------------------------------------------------


def region_population_groups(*, region: Region) -> QuerySet[PopulationGroup]:
    """The groups a profile lists, without the other regions each group is found in."""
    return PopulationGroup.objects.filter(regions=region)


def population_group_list(*, region: Region | None = None) -> QuerySet[PopulationGroup]:
    queryset = PopulationGroup.objects.prefetch_related(
        Prefetch("regions", queryset=Region.objects.only("id", "code", "name", "nuts_version"))
    )
    if region is not None:
        queryset = queryset.filter(regions=region)
    return queryset


# Organisations ------------------------------------------------------------------


def organisation_visibility(user: User) -> Q:
    """Approved organisations for everyone; pending ones for coordinators, the region's officials and
    whoever registered them."""
    if is_coordinator(user):
        return Q()
    visible = Q(status=Organisation.Status.APPROVED)
    if user.is_authenticated:
        visible |= Q(region_id__in=official_region_ids(user)) | Q(submitted_by=user)
    return visible


def _visible_organisations(user: User) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(organisation_visibility(user))
        .select_related("region")
        .defer("region__geometry", "region__health_system_notes")
    )


def organisation_list(*, user: User, filters: dict | None = None) -> QuerySet[Organisation]:
    queryset = _visible_organisations(user)
    if filters:
        queryset = OrganisationFilter(filters, queryset).qs
    return queryset.order_by("name", "id")


def organisation_get(*, user: User, pk: int) -> Organisation:
    organisation = organisation_list(user=user).filter(pk=pk).first()
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def organisations_pending(*, user: User) -> QuerySet[Organisation]:
    return organisation_list(user=user).filter(status=Organisation.Status.PENDING).order_by("created_at")


def revisions_pending() -> QuerySet[OrganisationRevision]:
    """Proposed changes to approved organisations, oldest first (for coordinators)."""
    return (
        OrganisationRevision.objects.filter(status=OrganisationRevision.Status.PENDING)
        .select_related("organisation", "region")
        .defer("region__geometry", "region__health_system_notes")
        .order_by("submitted_at", "id")
    )


def links_pending() -> QuerySet[OrganisationLink]:
    return (
        OrganisationLink.objects.filter(status=OrganisationLink.Status.PENDING)
        .select_related("source", "target")
        .order_by("created_at", "id")
    )


def pending_revisions_visible_to(*, user: User) -> QuerySet[OrganisationRevision]:
    """Pending revisions this user may read: coordinators all, the region's officials and the proposer theirs."""
    queryset = OrganisationRevision.objects.filter(status=OrganisationRevision.Status.PENDING).select_related("region")
    if is_coordinator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    region_ids = official_region_ids(user)
    return queryset.filter(Q(submitted_by=user) | Q(organisation__region_id__in=region_ids))


def organisation_counts(*, level: int, version: int) -> dict[int, int]:
    """Approved organisations per region of this level, counting those registered in sub-regions too."""
    counts: dict[int, int] = {}
    rows = (
        Organisation.objects.filter(status=Organisation.Status.APPROVED, region__nuts_version=version)
        .values("region__code")
        .annotate(n=Count("id"))
    )
    by_code = dict(Region.objects.filter(level=level, nuts_version=version).values_list("code", "id"))
    for row in rows:
        code = row["region__code"]
        region_id = by_code.get(code[: 2 + level])
        if region_id is not None and len(code) >= 2 + level:
            counts[region_id] = counts.get(region_id, 0) + row["n"]
    return counts


def region_organisations(*, region: Region, user: User) -> QuerySet[Organisation]:
    """Organisations in the region and its sub-regions that this user may see."""
    return organisation_list(user=user).filter(region_id__in=_region_and_subregion_ids(region))


def _region_and_subregion_ids(region: Region) -> QuerySet[Region]:
    # A subquery of ids: the few regions come from the code-prefix index, rather than the code of each
    # organisation's region being tested in turn (half the time on a profile with 5,000 organisations).
    return Region.objects.filter(nuts_version=region.nuts_version, code__startswith=region.code).values("id")


def link_visibility(user: User) -> Q:
    """Approved links for everyone; pending ones for coordinators, who recorded them and the officials of
    either end."""
    if is_coordinator(user):
        return Q()
    visible = Q(status=OrganisationLink.Status.APPROVED)
    if user.is_authenticated:
        region_ids = official_region_ids(user)
        visible |= Q(created_by=user) | Q(source__region_id__in=region_ids) | Q(target__region_id__in=region_ids)
    return visible


def link_list(*, user: User) -> QuerySet[OrganisationLink]:
    visible = organisation_visibility(user)
    return (
        OrganisationLink.objects.filter(
            link_visibility(user),
            Exists(Organisation.objects.filter(visible, pk=OuterRef("source_id"))),
            Exists(Organisation.objects.filter(visible, pk=OuterRef("target_id"))),
        )
        .select_related("source__region", "target__region")
        .defer("source__region__geometry", "target__region__geometry")
        .order_by("id")
    )


def _region_links(*, region: Region, user: User) -> QuerySet[OrganisationLink]:
    ids = _region_and_subregion_ids(region)
    return link_list(user=user).filter(Q(source__region_id__in=ids) | Q(target__region_id__in=ids))


def region_links(*, region: Region, user: User) -> list[OrganisationLink]:
    """Links with at least one end in the region (or its sub-regions)."""
    return list(_region_links(region=region, user=user))


def region_link_count(*, region: Region, user: User) -> int:
    return _region_links(region=region, user=user).count()


# Contacts -------------------------------------------------------------------------


def contact_list(*, user: User) -> QuerySet[Contact]:
    """Contacts of organisations in the user's regions (all of them for coordinators; none for others)."""
    queryset = Contact.objects.select_related("organisation__region").defer("organisation__region__geometry")
    if is_coordinator(user):
        return queryset.order_by("name", "id")
    return queryset.filter(organisation__region_id__in=official_region_ids(user)).order_by("name", "id")


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.all()


def indicator_value_list(*, filters=None, region_code: str | None = None) -> QuerySet[IndicatorValue]:
    """Imported values with their indicator, filtered by IndicatorValueFilter's fields."""
    qs = IndicatorValue.objects.select_related("indicator").order_by(
        "indicator__order", "indicator__code", "region_code", "nuts_version", "year"
    )
    if region_code is not None:
        qs = qs.filter(region_code=region_code)
    filterset = IndicatorValueFilter(filters or {}, qs)
    if not filterset.is_valid():
        raise DjangoValidationError(filterset.errors)
    return filterset.qs
