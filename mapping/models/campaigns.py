"""Mapping campaigns and the responses, answers, review comments and history they collect."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models.questionnaires import Question, QuestionnaireVersion


class Campaign(models.Model):
    """One questionnaire version sent to a set of regions."""

    title = models.CharField(_("title"), max_length=200)
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="campaigns")
    regions = models.ManyToManyField("regions.Region", related_name="campaigns", verbose_name=_("regions"))
    opens_on = models.DateField(_("opening date"))
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    carry_over = models.BooleanField(
        _("carry over last accepted answers"),
        default=False,
        help_text=_("Pre-fill each region's response from its previous accepted response to this questionnaire."),
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")), name="mapping_campaign_deadline_after_open"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    """A region's answers to a campaign: draft -> submitted -> returned -> accepted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="mapping_responses")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Kept up to date by every save, so boards and dashboards read them without counting answers.
    progress = models.PositiveSmallIntegerField(_("complete (%)"), default=0)
    missing_count = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "region"], name="mapping_response_campaign_region_unique"),
        ]
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign} / {self.region.code}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Answer(models.Model):
    class Source(models.TextChoices):
        DOCUMENT = "document", _("Document")
        STATISTIC = "statistic", _("Statistic")
        EXPERT = "expert", _("Expert judgement")

    class Confidence(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    # 0..100 for scored question types, so analytics are SQL aggregates over this column.
    score = models.FloatField(null=True, blank=True)
    # False while a condition hides the question: kept (nothing typed is lost) but not counted.
    applicable = models.BooleanField(default=True)
    # Optimistic lock: a save names the revision it was based on.
    revision = models.PositiveIntegerField(default=0)
    evidence_source = models.CharField(_("evidence source"), max_length=20, choices=Source.choices, blank=True)
    evidence_year = models.PositiveSmallIntegerField(_("evidence year"), null=True, blank=True)
    evidence_note = models.CharField(_("evidence"), max_length=300, blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Copied from the region's previous accepted response; counts as answered only once an official
    # confirms or changes it.
    carried_over = models.BooleanField(_("carried over"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="mapping_answer_response_question_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"

    @property
    def is_answered(self) -> bool:
        return self.value not in (None, "", [])


class AnswerChange(models.Model):
    """Every change of an answer: who, when, old and new value."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="changes")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answer_changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    # Every other field that changed in this save: {"confidence": ["low", "high"], ...}.
    fields = models.JSONField(default=dict, blank=True)
    revision = models.PositiveIntegerField()

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["response", "answer"])]

    def __str__(self) -> str:
        return f"{self.answer_id} r{self.revision}"


class ResponseEvent(models.Model):
    """A step of the review workflow."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")
        REPLIED = "replied", _("Replied to a comment")
        RESOLVED = "resolved", _("Resolved a comment")
        REOPENED = "reopened", _("Reopened a comment")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The question a comment event is about (none for a general comment or a workflow step).
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.response_id} {self.kind}"


class ReviewComment(models.Model):
    """A review comment: a thread opened by a coordinator on one question (or on the whole response,
    without a question), and the replies in it. Only the thread's first comment is resolved or open."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="review_comments")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("comment"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["response", "resolved"])]

    def __str__(self) -> str:
        return self.text[:60]


class ReminderSent(models.Model):
    """Records that a deadline reminder went out, so each is sent once."""

    response_region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.SmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "response_region", "days_before"], name="mapping_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.response_region_id} -{self.days_before}d"
