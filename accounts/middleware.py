"""Apply a signed-in user's language and time zone to each of their requests."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from saphire.timezones import browser_timezone, is_canonical_timezone


class UserPreferencesMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: the profile outranks cookie and browser.

    Anonymous visitors keep what LocaleMiddleware chose and the site's time zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language and user.language in dict(settings.LANGUAGES):
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if not user.timezone and (zone := browser_timezone(request.COOKIES)):
                # First visit from a browser that told its zone: the profile starts with it (editable on
                # the preferences page).
                from accounts.services import user_preferences_update

                user = user_preferences_update(user=user, timezone=zone)
            if user.timezone and is_canonical_timezone(user.timezone):
                timezone.activate(ZoneInfo(user.timezone))
        try:
            return self.get_response(request)
        finally:
            # The thread serves other people next.
            timezone.deactivate()
