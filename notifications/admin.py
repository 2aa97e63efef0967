from django.contrib import admin

from notifications.models import DigestPreference, Follow, Notification


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "target_type", "target_id", "created"]
    list_filter = ["target_type"]
    raw_id_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "about_type", "about_id", "created", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "actor"]


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "last_digest_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["user"]
