from django.contrib import admin

from reports.models import Recommendation, Report, ReportBatch


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "title", "min_severity", "max_score", "is_active", "version"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "title", "text"]
    filter_horizontal = ["themes"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "region", "status", "requested_at", "build_ms", "published_at"]
    list_filter = ["status"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region", "requested_by", "published_by"]
    readonly_fields = ["fingerprint", "summary", "error", "worker"]


@admin.register(ReportBatch)
class ReportBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "title", "created_by", "created_at"]
    raw_id_fields = ["reports", "created_by"]
