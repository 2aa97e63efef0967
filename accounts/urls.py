from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("preferences/", views.preferences, name="preferences"),
    path("signup/", views.signup_view, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup-sent"),
    path("signup/verify/<str:token>/", views.signup_verify, name="signup-verify"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("profile/", views.profile, name="profile"),
    path("me/export/", views.data_export, name="data-export"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path(
        "password/change/",
        views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password-change-done")),
        name="password-change",
    ),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password-reset-done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password-reset",
    ),
    path("password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password-reset-complete")),
        name="password-reset-confirm",
    ),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
]
