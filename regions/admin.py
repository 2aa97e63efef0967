from django.contrib import admin

from regions.models import Region, RegionMembership


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "country_code", "nuts_version"]
    list_filter = ["level", "nuts_version", "country_code"]
    search_fields = ["code", "name", "name_national"]
    raw_id_fields = ["parent"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "region", "created_at"]
    raw_id_fields = ["user", "region"]
    search_fields = ["user__username", "region__code"]
