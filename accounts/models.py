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
