import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications import kinds


class Follow(models.Model):
    """A person follows something of the portal (a region, a module, a pilot, an event, a consultation)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "target_type", "target_id"], name="notifications_follow_unique"),
        ]
        # Fan-out reads the followers of one target.
        indexes = [models.Index(fields=["target_type", "target_id"], name="notifications_follow_target")]

    def __str__(self) -> str:
        return f"{self.user} → {self.target_type.model} {self.target_id}"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40, choices=kinds.CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    about_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    about_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("about_type", "about_id")
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The header's unread count and the list page.
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notifications_unread"),
            # What a digest still has to send.
            models.Index(
                fields=["recipient", "created"],
                condition=models.Q(emailed_at__isnull=True),
                name="notifications_unemailed",
            ),
            models.Index(fields=["about_type", "about_id"], name="notifications_about"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"

    def message(self, language: str | None = None) -> str:
        """What happened, in `language` (the recipient's when not given)."""
        actor = self.actor.get_full_name() or self.actor.username if self.actor else None
        about = str(self.about) if self.about is not None else _("(removed)")
        return kinds.render(
            self.kind, actor=actor, about=str(about), language=language or self.recipient.language or None
        )

    @property
    def link(self) -> str:
        about = self.about
        return about.get_absolute_url() if about is not None and hasattr(about, "get_absolute_url") else ""


class DigestPreference(models.Model):
    """How often a person is mailed their notifications. Absent: the default, daily."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        NEVER = "never", _("Never")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference")
    frequency = models.CharField(_("email digest"), max_length=20, choices=Frequency.choices, default=Frequency.DAILY)
    # Part of the signed unsubscribe link: replacing it voids every link mailed before.
    unsubscribe_token = models.CharField(max_length=64, default=secrets.token_urlsafe, editable=False)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"
