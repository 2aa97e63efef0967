from django.contrib import admin

from regions.models import (
    Contact,
    ContactErasure,
    Indicator,
    Organisation,
    OrganisationLink,
    OrganisationRevision,
    PopulationGroup,
    ProfileChange,
    Region,
    RegionMembership,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "country_code", "nuts_version", "ris_group"]
    list_filter = ["level", "nuts_version", "ris_group", "is_island", "is_outermost", "is_nspa", "country_code"]
    search_fields = ["code", "name", "name_national"]
    raw_id_fields = ["parent"]
    exclude = ["geometry"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Labels may be edited here; values come only from `import_indicators` (no admin for them)."""

    list_display = ["code", "label", "unit", "dataset", "kind", "levels"]
    search_fields = ["code", "label", "dataset"]
    readonly_fields = ["code", "dataset", "kind", "categories", "yes_codes", "levels"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "region", "created_at"]
    raw_id_fields = ["user", "region"]
    search_fields = ["user__username", "region__code"]


@admin.register(PopulationGroup)
class PopulationGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "updated_at"]
    search_fields = ["name"]
    filter_horizontal = ["regions"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "region", "population_group"]
    raw_id_fields = ["region", "population_group", "changed_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "region__code"]
    raw_id_fields = ["region", "submitted_by", "reviewed_by"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "consent_given"]
    search_fields = ["name", "email", "organisation__name"]
    raw_id_fields = ["organisation", "created_by"]


@admin.register(OrganisationLink)
class OrganisationLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "kind", "status"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["source", "target", "created_by"]


@admin.register(OrganisationRevision)
class OrganisationRevisionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "region", "status", "submitted_by", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "region", "submitted_by", "reviewed_by"]


@admin.register(ContactErasure)
class ContactErasureAdmin(admin.ModelAdmin):
    list_display = ["contact_id", "organisation", "erased_by", "erased_at"]

    def has_change_permission(self, request, obj=None):
        return False
