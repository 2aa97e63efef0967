"""The barrier taxonomy and what is found with it: themes, findings and the rules that suggest them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from saphire.i18n import marked_text


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
        # Shown in form choices, where English standing in for a translation is marked in words.
        return marked_text(self, "name")


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


class FindingChange(models.Model):
    """One change of a finding: its status moved, or its texts were edited (fields holds before and after)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # {"status": ["confirmed", "suggested"], "title": ["old", "new"], ...}
    fields = models.JSONField(default=dict)

    class Meta:
        ordering = ["finding", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.finding_id} {', '.join(self.fields)}"


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
