from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme of the barrier taxonomy (editable reference data)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Finding(models.Model):
    """A gap, barrier, strength or best practice found in a region."""

    class Kind(models.TextChoices):
        GAP = "gap", _("Gap")
        BARRIER = "barrier", _("Barrier")
        STRENGTH = "strength", _("Strength")
        BEST_PRACTICE = "best_practice", _("Best practice")

    class Source(models.TextChoices):
        SURVEY = "survey", _("Survey")
        WORKSHOP = "workshop", _("Workshop")
        DESK = "desk", _("Desk research")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="findings")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    severity = models.PositiveSmallIntegerField(
        _("severity"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (minor) to 5 (critical)")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.DESK)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUGGESTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.ForeignKey(
        "mapping.FindingRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    campaign = models.ForeignKey(
        "mapping.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "-severity", "theme"]
        indexes = [models.Index(fields=["region", "status", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(severity__gte=1, severity__lte=5), name="mapping_finding_severity_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.code}: {self.title}"


class Questionnaire(models.Model):
    """A questionnaire; its content lives in versions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire; a published version is frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="mapping_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.title} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Section(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("Likert scale (1-5)")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        NUMBER = "number", _("Number")
        YES_NO = "yes_no", _("Yes / no")
        TEXT = "text", _("Free text")

    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    # Stable across versions, so answers and versions can be compared question by question.
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="questions")
    weight = models.FloatField(_("weight"), default=1.0, validators=[MinValueValidator(0)])
    # Choices: [{"value": "a", "label": "...", "score": 0..100 or null}]; Likert: five labels.
    # The labels here are the English ones; values and scores are shared by every language.
    options = models.JSONField(_("options"), default=list, blank=True)
    # {"value": "label"} in one language (a column per language, see mapping/translation.py).
    option_labels = models.JSONField(_("option labels"), default=dict, blank=True)
    min_value = models.FloatField(_("minimum"), null=True, blank=True)
    max_value = models.FloatField(_("maximum"), null=True, blank=True)
    condition_question = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="dependents"
    )
    condition_value = models.CharField(_("shown when the answer is"), max_length=100, blank=True)

    class Meta:
        ordering = ["version", "section__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="mapping_question_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    @property
    def is_scored(self) -> bool:
        return self.kind in (self.Kind.LIKERT, self.Kind.YES_NO, self.Kind.SINGLE, self.Kind.MULTIPLE)


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

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.response_id} {self.kind}"


class ReviewComment(models.Model):
    """A coordinator's comment on one question when returning a response."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="review_comments")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]

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


class FindingRule(models.Model):
    """A readable rule that suggests findings from accepted scores."""

    class Comparison(models.TextChoices):
        BELOW = "below", _("under")
        ABOVE = "above", _("at or over")

    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
        help_text=_("Leave empty to apply the rule to every theme."),
    )
    comparison = models.CharField(_("when the theme score is"), max_length=10, choices=Comparison.choices)
    threshold = models.FloatField(_("threshold"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    kind = models.CharField(_("suggest a"), max_length=20, choices=Finding.Kind.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["theme__order", "comparison", "threshold"]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        theme = self.theme.name if self.theme_id else _("any theme")
        return _(
            "When the score of %(theme)s is %(cmp)s %(threshold)s, suggest a %(kind)s of severity %(severity)s."
        ) % {
            "theme": theme,
            "cmp": self.get_comparison_display(),
            "threshold": f"{self.threshold:g}",
            "kind": self.get_kind_display().lower(),
            "severity": self.severity,
        }
