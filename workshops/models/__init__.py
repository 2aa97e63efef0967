import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RegionPriority(models.Model):
    """A ranked barrier priority a region settled on (from a workshop vote)."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="priorities")
    theme = models.ForeignKey("mapping.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    label = models.CharField(_("barrier"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("rank"))
    votes = models.PositiveIntegerField(_("votes"), default=0)
    decided_at = models.DateTimeField(_("decided at"))
    source_title = models.CharField(_("decided at event"), max_length=200, blank=True)
    voting_round = models.ForeignKey(
        "workshops.VotingRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )

    class Meta:
        ordering = ["region", "-decided_at", "rank"]
        verbose_name_plural = _("region priorities")

    def __str__(self) -> str:
        return f"{self.region.code} #{self.rank} {self.label}"


class Event(models.Model):
    """A site visit, workshop or webinar; times are stored in UTC, `timezone` is the venue's zone."""

    class Kind(models.TextChoices):
        SITE_VISIT = "site_visit", _("Site visit")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    PUBLIC_STATUSES = (Status.CONFIRMED, Status.HELD)
    # The largest webinar the portal plans for; a bigger number is a typing mistake.
    MAX_CAPACITY = 100_000

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    host_regions = models.ManyToManyField("regions.Region", related_name="events", verbose_name=_("host regions"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(_("venue time zone"), max_length=64, default="Europe/Brussels")
    venue = models.CharField(_("venue address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_events", blank=True, verbose_name=_("coordinators")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Set once confirmed: a cancelled event stays public only if it ever was.
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Hours a freed seat is held for the next person on the waiting list; 0 gives it to them at once.
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a freed seat"),
        default=0,
        help_text=_("0 gives a freed seat straight to the next person; otherwise they must accept it in time."),
    )
    reminder_lead = models.DurationField(
        _("reminder before the start"), default=timedelta(hours=24), help_text=_("For example 24:00:00 for a day.")
    )
    minutes = models.TextField(_("minutes (Markdown)"), blank=True)
    # iCalendar identity: clients match updates on UID and take the highest SEQUENCE.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="workshops_event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="workshops_event_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:event-detail", args=[self.pk])

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status__in=cls.PUBLIC_STATUSES) | models.Q(
            status=cls.Status.CANCELLED, confirmed_at__isnull=False
        )

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES or (
            self.status == self.Status.CANCELLED and self.confirmed_at is not None
        )

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    theme = models.ForeignKey("mapping.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finding = models.ForeignKey(
        "mapping.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )

    class Meta:
        ordering = ["event", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class StakeholderKind(models.TextChoices):
    CLINICIANS = "clinicians", _("Clinicians and hospitals")
    PAYERS = "payers", _("Payers and insurers")
    PATIENTS = "patients", _("Patient organisations")
    INDUSTRY = "industry", _("Industry")
    GOVERNMENT = "government", _("Government and agencies")
    RESEARCH = "research", _("Research and universities")
    OTHER = "other", _("Other")


class SeatQuota(models.Model):
    """At most `seats` confirmed places for one stakeholder kind, so no group fills an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quotas")
    stakeholder_kind = models.CharField(_("stakeholder kind"), max_length=20, choices=StakeholderKind.choices)
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        ordering = ["event", "stakeholder_kind"]
        constraints = [
            models.UniqueConstraint(fields=["event", "stakeholder_kind"], name="workshops_quota_event_kind_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder_kind}: {self.seats}"


class Registration(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        SPEAKER = "speaker", _("Speaker")
        HOST = "host", _("Host")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        # A freed seat held for this person until `offer_expires_at`; it counts as taken.
        OFFERED = "offered", _("Seat offered")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    SEAT_STATUSES = (Status.CONFIRMED, Status.OFFERED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    stakeholder_kind = models.CharField(
        _("stakeholder kind"), max_length=20, choices=StakeholderKind.choices, default=StakeholderKind.OTHER
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # The waiting list is served in order of this time.
    registered_at = models.DateTimeField()
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "registered_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="workshops_registration_event_user_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class ReminderSent(models.Model):
    """One row per reminder sent; the unique constraint makes a second send impossible."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reminders")
    # The start the reminder was for: an event that moves gets a fresh reminder.
    event_starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "event_starts_at"], name="workshops_reminder_registration_start_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"reminder {self.registration_id} {self.event_starts_at:%Y-%m-%d %H:%M}"


class Feedback(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    useful = models.TextField(_("what was most useful"), blank=True)
    improve = models.TextField(_("what could be better"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="workshops_feedback_event_user_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="workshops_feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} rated {self.rating}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"events/{instance.event_id}/{uuid.uuid4().hex[:8]}-{filename}"


class Attachment(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        """The uploaded file's name, without the random prefix `attachment_path` adds."""
        return PurePosixPath(self.file.name).name.split("-", 1)[-1]


class EventFinding(models.Model):
    """Links a mapping finding to the event where it was recorded."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_findings")
    finding = models.OneToOneField("mapping.Finding", on_delete=models.CASCADE, related_name="event_link")

    class Meta:
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return f"{self.event_id} -> {self.finding_id}"


class EventMessage(models.Model):
    """A coordinator's message to a group of an event's registrants, kept as a log on the event."""

    class Audience(models.TextChoices):
        ALL = "all", _("Everyone registered (confirmed, offered and waiting)")
        CONFIRMED = "confirmed", _("Confirmed participants")
        WAITING = "waiting", _("The waiting list")
        CHECKED_IN = "checked_in", _("Checked-in participants")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("to"), max_length=20, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the worker once every email is out; a second delivery of the task then does nothing.
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["event", "-created_at"]

    def __str__(self) -> str:
        return self.subject


from workshops.models.feedback import FeedbackAnswer, FeedbackQuestion  # noqa: E402
from workshops.models.voting import Ballot, Vote, VoteOption, VotingRound  # noqa: E402

__all__ = [
    "AgendaItem",
    "Attachment",
    "Ballot",
    "Event",
    "EventFinding",
    "EventMessage",
    "Feedback",
    "FeedbackAnswer",
    "FeedbackQuestion",
    "RegionPriority",
    "Registration",
    "ReminderSent",
    "SeatQuota",
    "StakeholderKind",
    "Vote",
    "VoteOption",
    "VotingRound",
    "attachment_path",
]
