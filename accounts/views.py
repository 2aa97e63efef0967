from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from accounts import privacy, selectors, services, signin, signup
from accounts.forms import (
    AccountDeleteForm,
    InvitationAcceptForm,
    InvitationForm,
    PreferencesForm,
    ProfileForm,
    QueuedPasswordResetForm,
    SignUpForm,
    ThrottledAuthenticationForm,
)
from saphire import plugins, roles
from saphire.client_ip import client_ip
from saphire.forms import add_service_errors


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        response.set_cookie(
            signin.DEVICE_COOKIE,
            signin.device_cookie_value(form.get_user()),
            max_age=signin.DEVICE_COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.retry_after:
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        services.api_tokens_revoke_all(user=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        services.api_tokens_revoke_all(user=form.user)
        # Whoever reset the password owns the mailbox: let them sign in at once.
        signin.signin_failures_clear(username=form.user.get_username())
        return response


@login_required
def dashboard(request):
    panels = [panel for app_panels in plugins.dashboard_panels for panel in app_panels(request.user)]
    return render(request, "accounts/dashboard.html", {"panels": panels})


@login_required
def preferences(request):
    user = request.user
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, initial={"language": user.language, "timezone": user.timezone})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_preferences_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if user.language:
                translation.activate(user.language)
            messages.success(request, _("Your preferences are saved."))
            response = redirect("accounts:preferences")
            if user.language:
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
            return response
    return render(request, "accounts/preferences.html", {"form": form})


@csrf_exempt
def language_set(request):
    """Django's set_language, which also remembers the choice in a signed-in user's profile.

    Anonymous pages are cached whole, the same bytes for every visitor, so their language form carries
    no CSRF token: for a visitor who is not signed in, a forged request could change nothing but that
    browser's own language cookie. A signed-in user's choice changes the profile, so it needs the token.
    """
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_preferences_update(user=request.user, language=language)
    return response


# Sign-up, profile, personal data, invitations ----------------------------------------------------


def signup_view(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    if request.method != "POST":
        form = SignUpForm(initial={"consent_version": settings.PRIVACY_NOTICE_VERSION})
        return render(request, "accounts/signup.html", {"form": form})
    if not signup.signup_allowed(ip=client_ip(request)):
        form = SignUpForm(request.POST)
        form.add_error(None, _("Too many sign-ups from your network. Try again in an hour."))
        response = render(request, "accounts/signup.html", {"form": form}, status=429)
        response["Retry-After"] = str(settings.SIGNUP_WINDOW)
        return response
    form = SignUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            signup.signup_create(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                consent_version=data["consent_version"],
                **form.profile(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("accounts:signup-sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_GET
def signup_sent(request):
    return render(request, "accounts/signup_sent.html")


@require_GET
def signup_verify(request, token):
    user = signup.signup_verify(token=token)
    if user is None:
        return render(request, "accounts/signup_verify_failed.html", status=400)
    messages.success(request, _("Your email is verified. Sign in to start."))
    return redirect("accounts:login")


@require_GET
def privacy_notice(request):
    return render(request, "accounts/privacy.html", {"version": settings.PRIVACY_NOTICE_VERSION})


@login_required
def profile(request):
    user = request.user
    fields = ["first_name", "last_name", "organisation", "stakeholder_kind", "interest_regions", "interest_themes"]
    form = ProfileForm(request.POST or None, initial={name: getattr(user, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            signup.profile_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
def data_export(request):
    response = JsonResponse(privacy.personal_data_export(user=request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="saphire-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        privacy.account_delete(user=request.user)
        logout(request)
        return render(request, "accounts/account_deleted.html")
    return render(request, "accounts/account_delete.html", {"form": form})


@login_required
def invitation_list(request):
    if not roles.is_coordinator(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signup.invitation_create(invited_by=request.user, **form.cleaned_data)
        messages.success(request, _("The invitation is on its way to %(email)s.") % form.cleaned_data)
        return redirect("accounts:invitations")
    invitations = selectors.invitation_list()
    context = {"form": form, "invitations": invitations, "now": timezone.now()}
    return render(request, "accounts/invitation_list.html", context)


def invitation_accept(request, token):
    invitation = signup.invitation_open(token=token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup.invitation_accept(
                token=token,
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your account is ready. Sign in to start."))
            return redirect("accounts:login")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})
