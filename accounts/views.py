from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views

from accounts import services, signin
from accounts.forms import PreferencesForm, QueuedPasswordResetForm, ThrottledAuthenticationForm
from saphire import plugins
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


def language_set(request):
    """Django's set_language, which also remembers the choice in a signed-in user's profile."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_preferences_update(user=request.user, language=language)
    return response
