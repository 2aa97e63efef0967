"""Questionnaires and their published or draft versions, sections and questions."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models.themes import Theme


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
            # Two drafts of one questionnaire would drift apart; "start a new version" opens the draft instead.
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=models.Q(status="draft"),
                name="mapping_one_draft_per_questionnaire",
            ),
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


# What an editor sets on a question (besides its section), by form, API or import; every write
# goes through mapping.services, which also takes the text of each language (text_fr, ...).
QUESTION_FIELDS = [
    "code",
    "order",
    "kind",
    "text",
    "help_text",
    "required",
    "theme",
    "weight",
    "options",
    "min_value",
    "max_value",
    "condition",
]
# The texts written per language; the option labels of other languages travel with them.
QUESTION_TEXTS = ["text", "help_text"]
SECTION_TEXTS = ["title", "description"]


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
    # Shown only when this holds: rules on earlier questions by code (see mapping/conditions.py).
    condition = models.JSONField(_("condition"), default=dict, blank=True)

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
