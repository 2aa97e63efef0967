"""A person's follows, notifications and digest setting, in their data export and on deletion."""

from notifications import selectors
from notifications.models import DigestPreference, Follow, Notification


def export(user) -> dict:
    follows = selectors.with_targets(selectors.follow_list(user=user))
    notifications = selectors.attach_about(list(selectors.notification_list(user=user)))
    preference = DigestPreference.objects.filter(user=user).first()
    return {
        "digest": preference.frequency if preference else DigestPreference.Frequency.DAILY,
        "follows": [
            {"kind": f.key, "target": str(f.target) if f.target else None, "since": f.created.isoformat()}
            for f in follows
        ],
        "notifications": [
            {
                "kind": n.kind,
                "message": n.message(),
                "created": n.created.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
                "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
            }
            for n in notifications
        ],
    }


def erase(user) -> None:
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    user.unread_notifications = 0
    DigestPreference.objects.filter(user=user).delete()
