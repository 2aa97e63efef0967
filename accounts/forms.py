from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services, signin
from accounts.models import Consent, StakeholderKind, User
from saphire import plugins
from saphire.client_ip import client_ip
from saphire.timezones import timezone_choices

# Hashing is slow by design: a bound keeps a huge "password" from tying up a worker (as in the API).
PASSWORD_MAX_LENGTH = 4096


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


HONEYPOT_FIELD = "website"


def interest_choices(field: str) -> list[tuple[str, str]]:
    return [choice for entry in plugins.interest_choices if entry.field == field for choice in entry.choices()]


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    stakeholder_kind = forms.ChoiceField(
        label=_("Your place in the value chain"), required=False, choices=[("", "---------"), *StakeholderKind.choices]
    )
    interest_regions = forms.MultipleChoiceField(
        label=_("Regions of interest"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to pick more than one."),
    )
    interest_themes = forms.MultipleChoiceField(
        label=_("Themes of interest"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest_regions"].choices = interest_choices("regions")
        self.fields["interest_themes"].choices = interest_choices("themes")


def _new_password_field(label) -> forms.CharField:
    return forms.CharField(
        label=label, strip=False, max_length=PASSWORD_MAX_LENGTH, widget=forms.PasswordInput(render_value=True)
    )


def _check_new_password(form: forms.Form, cleaned: dict, user) -> None:
    """The two entries agree and the password passes the validators for this `user`; errors go on the fields."""
    p1, p2 = cleaned.get("password1"), cleaned.get("password2")
    if p1 and p2 and p1 != p2:
        form.add_error("password2", _("The two passwords differ."))
    elif p1:
        try:
            password_validation.validate_password(p1, user)
        except forms.ValidationError as error:
            form.add_error("password1", error)


class SignUpForm(ProfileForm):
    """Sign-up with a honeypot: a field people never see (hidden by the page) that bots fill in."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, digits and @ . + - _ only."),
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    password1 = _new_password_field(_("Password"))
    password2 = _new_password_field(_("Password again"))
    language = forms.ChoiceField(label=_("Language"), required=False)
    timezone = forms.ChoiceField(label=_("Time zone"), required=False)
    consent = forms.BooleanField(label=_("I have read and agree to the privacy notice."))
    consent_version = forms.CharField(
        max_length=Consent._meta.get_field("version").max_length, widget=forms.HiddenInput
    )

    field_order = ["username", "email", "password1", "password2", "first_name", "last_name", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The browser's language")), *services.language_choices()]
        self.fields["timezone"].choices = [("", _("Your browser's time zone")), *timezone_choices()]

    def clean_username(self):
        username = signin.normalise_username(self.cleaned_data["username"])
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken: choose another."))
        return username

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Your sign-up could not be accepted."), code="honeypot")
        _check_new_password(self, cleaned, User(username=cleaned.get("username", ""), email=cleaned.get("email", "")))
        return cleaned

    def profile(self) -> dict:
        data = self.cleaned_data
        names = ["first_name", "last_name", "organisation", "stakeholder_kind", "interest_regions", "interest_themes"]
        return {name: data[name] for name in [*names, "language", "timezone"]}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    region_codes = forms.MultipleChoiceField(
        label=_("Regions"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The official answers for these regions once they accept."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_codes"].choices = interest_choices("regions")


class InvitationAcceptForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, validators=[User.username_validator])
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = _new_password_field(_("Password"))
    password2 = _new_password_field(_("Password again"))
    consent = forms.BooleanField(label=_("I have read and agree to the privacy notice."))

    clean_username = SignUpForm.clean_username

    def clean(self):
        cleaned = super().clean()
        _check_new_password(self, cleaned, User(username=cleaned.get("username", "")))
        return cleaned


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False, max_length=PASSWORD_MAX_LENGTH, widget=forms.PasswordInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
