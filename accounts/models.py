import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator")
        OFFICIAL = "official", _("Regional official")
        STAKEHOLDER = "stakeholder", _("Stakeholder")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAKEHOLDER)
    # Secret for the personal calendar feed; the user can reset it.
    feed_token = models.CharField(max_length=64, default=secrets.token_urlsafe, unique=True, editable=False)
    # Preferences applied on every request (accounts.middleware); empty: the browser's language and
    # the site's time zone. Checked against settings.LANGUAGES and the canonical IANA zones when
    # saved (accounts.services.user_preferences_update), so adding a language needs no migration here.
    language = models.CharField(_("language"), max_length=10, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_unique", condition=~models.Q(email="")),
        ]

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == self.Role.ADMINISTRATOR

    @property
    def is_coordinator(self) -> bool:
        """Coordinators and administrators run the consortium's work."""
        return self.is_administrator or self.role == self.Role.COORDINATOR

    @property
    def is_official(self) -> bool:
        return self.role == self.Role.OFFICIAL


class ApiToken(models.Model):
    """A bearer token for the API. Only a digest of the key is stored: the key is shown once, when made.

    `auth_hash` is the user's session hash when the token was made (Django's own mechanism for sessions):
    a password changed anywhere (page, reset, admin, shell) no longer matches, so the token stops working.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    auth_hash = models.CharField(max_length=128, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
