"""The demo stakeholder follows FI1D and has a few notifications to read.

Registered by the roadmap app, after the demo regions, events and pilots exist.
"""

from django.contrib.auth import get_user_model

from notifications import kinds, registry, services
from notifications.models import Notification


def load(*, stdout) -> None:
    User = get_user_model()
    stakeholder = User.objects.filter(username="stakeholder").first()
    official = User.objects.filter(username="official").first()
    region_type = registry.get("region")
    if stakeholder is None or region_type is None:
        return
    region = region_type.model.objects.filter(code="FI1D").order_by("nuts_version").first()
    if region is None:
        return
    services.follow(stakeholder, region)
    if Notification.objects.filter(recipient=stakeholder).exists():
        return
    event_type = registry.get("event")
    event = event_type.model.objects.filter(host_regions=region).order_by("starts_at").first() if event_type else None
    services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=event or region, actor=official)
    services.notify_users([stakeholder], kinds.ROADMAP_PUBLISHED, about=region, actor=official)
    pilot_type = registry.get("pilot")
    pilot = pilot_type.model.objects.filter(regions=region).first() if pilot_type else None
    services.notify_users([stakeholder], kinds.INTEREST_REPLY, about=pilot or region, actor=official)
    stdout.write("Demo notifications: the stakeholder follows FI1D and has 3 notifications.")
