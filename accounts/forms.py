from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services, signin
from saphire.client_ip import client_ip
from saphire.timezones import timezone_choices


def wait_message(seconds: int) -> str:
    # Whole minutes: the exact seconds are in the Retry-After header, and a rounder figure reads better.
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(count)d minute, or reset your password.",
        "Too many failed sign-in attempts. Try again in %(count)d minutes, or reset your password.",
        minutes,
    ) % {"count": minutes}


class ThrottledSignInMixin:
    """Sign-in through accounts.signin: the same throttle as the API, the same words whether the user exists or not."""

    retry_after: int | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = signin.signin_authenticate(request=self.request, username=username, password=password)
            except signin.SignInThrottled as throttled:
                self.retry_after = throttled.retry_after
                raise forms.ValidationError(wait_message(throttled.retry_after), code="throttled")
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class ThrottledAuthenticationForm(ThrottledSignInMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledSignInMixin, AdminAuthenticationForm):
    """The admin's sign-in page is another door to the same accounts: it shares the throttle."""


class QueuedPasswordResetForm(PasswordResetForm):
    """Hands the request to accounts.services, which limits it and sends the email from the worker."""

    def save(self, request=None, **kwargs):
        services.password_reset_request(email=self.cleaned_data["email"], ip=client_ip(request))


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Event times are shown in this zone as well as the venue's."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The browser's language")), *services.language_choices()]
        browser_zone = ("", _("Your browser's time zone (Europe/Brussels if it does not say)"))
        self.fields["timezone"].choices = [browser_zone, *timezone_choices()]
