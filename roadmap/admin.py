from django.contrib import admin

from roadmap.models import FundingInstrument, Module, ModuleVersion, Pilot, PilotFunding, RegionRoadmap


@admin.register(FundingInstrument)
class FundingInstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "status", "has_unpublished_changes"]
    search_fields = ["code", "title"]
    # Prerequisites are edited in the portal, where cycles are refused.
    exclude = ["prerequisites"]


@admin.register(ModuleVersion)
class ModuleVersionAdmin(admin.ModelAdmin):
    list_display = ["code", "number", "is_current", "published_at"]
    readonly_fields = [f.name for f in ModuleVersion._meta.fields]


@admin.register(RegionRoadmap)
class RegionRoadmapAdmin(admin.ModelAdmin):
    list_display = ["region", "title", "has_unpublished_changes"]
    raw_id_fields = ["region"]


class PilotFundingInline(admin.TabularInline):
    model = PilotFunding
    extra = 1


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "start_date", "budget"]
    filter_horizontal = ["regions", "modules"]
    inlines = [PilotFundingInline]
