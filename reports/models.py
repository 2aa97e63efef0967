from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import RisGroup
from regions.typologies import TYPOLOGY_CHOICES

# What an editor sets on a library entry, by form or API, besides its texts in each language.
RECOMMENDATION_FIELDS = [
    "code",
    "kind",
    "themes",
    "min_severity",
    "max_score",
    "ris_groups",
    "typologies",
    "funding_instruments",
    "source",
    "is_active",
]
RECOMMENDATION_TEXTS = ["title", "text"]


class Recommendation(models.Model):
    """An entry of the coordinators' recommendation library.

    It is triggered in a region by a confirmed gap or barrier on one of its themes with at least
    `min_severity`, or by a theme score at or below `max_score`; `ris_groups` and `typologies`
    narrow it to the regions it fits (empty: all).
    """

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        FUNDING = "funding", _("Funding")
        INVESTMENT = "investment", _("Investment")
        COOPERATION = "cooperation", _("Cooperation")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("recommendation"))
    themes = models.ManyToManyField(
        "mapping.Theme", related_name="recommendations", verbose_name=_("triggering themes")
    )
    min_severity = models.PositiveSmallIntegerField(
        _("minimum severity"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("A confirmed gap or barrier on one of the themes at least this severe (1-5) triggers it."),
    )
    max_score = models.FloatField(
        _("score threshold"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A theme score (0-100) at or below this also triggers it; empty: findings only."),
    )
    ris_groups = ArrayField(
        models.CharField(max_length=10, choices=RisGroup.choices),
        verbose_name=_("innovation groups"),
        default=list,
        blank=True,
        help_text=_("Empty: every group."),
    )
    typologies = ArrayField(
        models.CharField(max_length=20, choices=TYPOLOGY_CHOICES),
        verbose_name=_("typologies"),
        default=list,
        blank=True,
        help_text=_("Empty: every region. Otherwise the region must have one of these."),
    )
    funding_instruments = models.ManyToManyField(
        "roadmap.FundingInstrument",
        related_name="recommendations",
        verbose_name=_("funding instruments"),
        blank=True,
        help_text=_("The funding instruments it points to."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_severity__gte=1, min_severity__lte=5),
                name="reports_recommendation_severity_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Report(models.Model):
    """One build of a region's recommendation report, HTML and PDF, for the inputs in `fingerprint`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE_STATUSES = (Status.QUEUED, Status.RUNNING, Status.DONE)

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="reports")
    # Empty: each region's latest accepted survey answers, whatever their campaign.
    campaign = models.ForeignKey(
        "mapping.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    fingerprint = models.CharField(_("fingerprint of the inputs"), max_length=64)
    # The same inputs in two languages are two reports.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("reason of failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Each queueing gets its own id, carried by its task message: a worker builds only the current one,
    # so a late redelivery of an earlier message never builds the report a second time.
    attempt_id = models.CharField(max_length=32, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    # Times the stale-report sweep queued it again after its build was lost.
    requeues = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    build_ms = models.PositiveIntegerField(null=True, blank=True)
    html_path = models.CharField(max_length=300, blank=True)
    pdf_path = models.CharField(max_length=300, blank=True)
    pdf_bytes = models.PositiveIntegerField(null=True, blank=True)
    # What the report said, kept for the API and traceability without reopening the files.
    summary = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Two requests for the same inputs share one build: at most one live report per fingerprint.
            models.UniqueConstraint(
                fields=["region", "campaign", "language", "fingerprint"],
                condition=models.Q(status__in=["queued", "running", "done"]),
                nulls_distinct=False,
                name="reports_report_one_live_per_language_fingerprint",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "-requested_at"]),
            models.Index(fields=["status"]),
            models.Index(
                fields=["region"], condition=models.Q(published_at__isnull=False), name="reports_report_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.code} report #{self.pk} ({self.status})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stuck(self) -> bool:
        """Queued or running for longer than a build should take (settings REPORTS_*_TIMEOUT)."""
        now = timezone.now()
        if self.status == self.Status.QUEUED:
            since = self.queued_at or self.requested_at
            return since is not None and now - since > timedelta(seconds=settings.REPORTS_QUEUED_TIMEOUT)
        if self.status == self.Status.RUNNING:
            return self.started_at is not None and now - self.started_at > timedelta(
                seconds=settings.REPORTS_RUNNING_TIMEOUT
            )
        return False


class ReportBatch(models.Model):
    """Reports requested together for many regions; its progress is the count of their states."""

    title = models.CharField(_("title"), max_length=200)
    campaign = models.ForeignKey(
        "mapping.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="report_batches"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    reports = models.ManyToManyField(Report, related_name="batches", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("report batches")

    def __str__(self) -> str:
        return self.title
