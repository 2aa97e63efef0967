from django.utils.functional import SimpleLazyObject

from notifications import selectors


def unread(request):
    """`unread_notifications`: counted only when a template shows it, and never for anonymous pages
    (which are cached for everyone)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: selectors.unread_count(user=user))}
