from django.contrib import admin

from mapping.models import Finding, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order", "is_active"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "theme", "kind", "severity", "status"]
    list_filter = ["kind", "status", "source", "theme"]
    raw_id_fields = ["region", "created_by"]
