from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts import services
from saphire.timezones import timezone_choices


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses further tries after repeated failures, with the same words whether the user exists or not."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Wait 15 minutes, or reset your password."),
    }

    def clean(self):
        username = self.data.get("username", "")
        if services.login_is_throttled(username=username):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.login_failure_record(username=username)
            raise
        services.login_failures_clear(username=username)
        return cleaned


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
        self.fields["timezone"].choices = [("", _("The portal's time zone (Europe/Brussels)")), *timezone_choices()]
