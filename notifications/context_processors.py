def unread(request):
    """`unread_notifications`: the count kept on the user row, so no query; anonymous pages (cached
    for everyone) show none."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": user.unread_notifications}
