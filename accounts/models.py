import secrets

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class StakeholderKind(models.TextChoices):
    """Where a stakeholder stands along the personalised-medicine value chain."""

    RESEARCH = "research", _("Research")
    DIAGNOSTICS = "diagnostics", _("Diagnostics and development")
    CLINICAL_VALIDATION = "clinical_validation", _("Clinical validation")
    REGULATION = "regulation", _("Regulation and HTA")
    REIMBURSEMENT = "reimbursement", _("Reimbursement")
    CLINICAL_IMPLEMENTATION = "clinical_implementation", _("Clinical implementation")
    CITIZENS = "citizens", _("Citizens and patients")
    POLICY = "policy", _("Policy and government")


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
    # The stakeholder profile. Regions and themes are kept by code: they belong to apps above this
    # one, which offer the choices (saphire.plugins.interest_choices).
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_kind = models.CharField(
        _("place in the value chain"), max_length=30, choices=StakeholderKind.choices, blank=True
    )
    interest_regions = ArrayField(
        models.CharField(max_length=20), verbose_name=_("regions of interest"), default=list, blank=True
    )
    interest_themes = ArrayField(
        models.CharField(max_length=20), verbose_name=_("themes of interest"), default=list, blank=True
    )
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    # Kept by the notifications app (notifications.services) so the header shows it without a query.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    # Set when the account was deleted by its owner: the row stays, pseudonymised, for the history.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

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


class Consent(models.Model):
    """A person's agreement to a version of a document (the privacy notice), kept as proof."""

    class Document(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    document = models.CharField(_("document"), max_length=30, choices=Document.choices)
    version = models.CharField(_("version"), max_length=30)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.user} {self.document} {self.version}"


class Invitation(models.Model):
    """A coordinator invites an official by email; accepting sets up the account and its regions."""

    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=User.Role.choices, default=User.Role.OFFICIAL)
    # Region codes; the regions app turns them into memberships when the invitation is accepted.
    region_codes = ArrayField(models.CharField(max_length=20), verbose_name=_("regions"), default=list)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    # Only a digest of the token is stored: the link in the email is the only copy of the token.
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email
