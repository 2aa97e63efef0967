"""Consultations on region roadmaps, the best-practice library and expressions of interest.

A consultation freezes the draft roadmap it asks about (`snapshot`), so comments keep pointing at the
item they were written about however the draft changes afterwards; items are named by module code.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

WHOLE_ROADMAP = ""  # the item code of a comment or change about the roadmap as a whole


class Consultation(models.Model):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", pgettext_lazy("status", "Open")
        CLOSED = "closed", _("Closed")

    roadmap = models.ForeignKey("roadmap.RegionRoadmap", on_delete=models.CASCADE, related_name="consultations")
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    # The draft roadmap as it was opened for comments (roadmap.services.roadmap_snapshot).
    snapshot = models.JSONField(default=dict)
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="participation_consultation_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation", kwargs={"pk": self.pk})

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if self.closed_at or today > self.end_date:
            return self.Status.CLOSED
        if today < self.start_date:
            return self.Status.UPCOMING
        return self.Status.OPEN

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    def item_codes(self) -> list[str]:
        return [item["code"] for item in self.snapshot.get("items", [])]


class Comment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    item_code = models.CharField(_("item"), max_length=20, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    # Kept when an account is deleted (accounts pseudonymise the user row instead).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"))
    # `body` as HTML, rendered and sanitised once when written, the way workshop minutes are shown
    # (participation.text): a page of a thousand comments does not run Markdown a thousand times.
    body_html = models.TextField(default="", editable=False)
    is_region_answer = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consultation", "created_at", "id"]
        indexes = [models.Index(fields=["consultation", "item_code", "created_at"], name="participation_comment_item")]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.item_code or '-'}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.consultation.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Endorsement(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="endorsements")
    item_code = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "item_code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "item_code", "user"], name="participation_endorse_once")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.item_code}"


class AbuseReport(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting a coordinator")
        HIDDEN = "hidden", _("Comment hidden")
        DISMISSED = "dismissed", _("Dismissed")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("what is wrong with it"), max_length=300)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="participation_report_once")]

    def __str__(self) -> str:
        return self.reason


class CommentBlock(models.Model):
    """A user a coordinator has barred from commenting and endorsing."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_block")
    reason = models.CharField(_("reason"), max_length=300)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user_id)


class ItemChange(models.Model):
    """A change to a roadmap item made because of comments, with the comments it answers.

    Shown on the published roadmap once a version is published after it was recorded.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="changes")
    item_code = models.CharField(_("item"), max_length=20, blank=True)
    description = models.TextField(_("what changed"))
    comments = models.ManyToManyField(Comment, related_name="changes", verbose_name=_("comments it answers"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consultation", "item_code", "recorded_at", "id"]

    def __str__(self) -> str:
        return self.description[:60]


# What a person may set on a best practice (form and service); review state and dates are the service's.
BEST_PRACTICE_FIELDS = (
    "title",
    "region",
    "what_was_done",
    "results",
    "cost",
    "contact_name",
    "contact_email",
    "contact_consent",
    "links",
)


class BestPractice(models.Model):
    """A region's practice that gives evidence for roadmap modules, public once a coordinator publishes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="best_practices")
    themes = models.ManyToManyField(
        "mapping.Theme", blank=True, related_name="best_practices", verbose_name=_("themes")
    )
    modules = models.ManyToManyField(
        "roadmap.Module", blank=True, related_name="best_practices", verbose_name=_("roadmap modules it supports")
    )
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True, help_text=_("With figures where you have them."))
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_consent = models.BooleanField(_("the contact agrees to be shown publicly"), default=False)
    links = models.TextField(_("documents and links"), blank=True, help_text=_("One web address per line"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    finding = models.ForeignKey(
        "mapping.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("finding")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:best-practice", kwargs={"pk": self.pk})

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Interest(models.Model):
    """Someone's interest in a pilot or in a partner region, and the owner's reply."""

    pilot = models.ForeignKey("roadmap.Pilot", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # For a match: the region interested (`from_region`) in the partner region (`region`).
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    from_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("message"))
    share_contact = models.BooleanField(_("share my email address with the owner"), default=False)
    reply = models.TextField(_("reply"), blank=True)
    reply_share_contact = models.BooleanField(_("share my email address in the reply"), default=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pilot__isnull=False, region__isnull=True)
                | models.Q(pilot__isnull=True, region__isnull=False),
                name="participation_interest_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.message[:40]

    def get_absolute_url(self) -> str:
        return reverse("participation:interest", kwargs={"pk": self.pk})
