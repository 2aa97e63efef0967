from django.contrib import admin

from workshops.models import RegionPriority


@admin.register(RegionPriority)
class RegionPriorityAdmin(admin.ModelAdmin):
    list_display = ["region", "rank", "label", "votes", "decided_at"]
    raw_id_fields = ["region"]
