"""Regions of the NUTS classification, their officials, population groups and profile history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

EU27 = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)


class UrbanRural(models.TextChoices):
    URBAN = "urban", _("Predominantly urban")
    INTERMEDIATE = "intermediate", _("Intermediate")
    RURAL = "rural", _("Predominantly rural")


class RisGroup(models.TextChoices):
    LEADER = "leader", _("Innovation leader")
    STRONG = "strong", _("Strong innovator")
    MODERATE = "moderate", _("Moderate innovator")
    EMERGING = "emerging", _("Emerging innovator")


class RisSubgroup(models.TextChoices):
    PLUS = "+", "+"
    MINUS = "-", "−"


class Region(models.Model):
    """A NUTS region (levels 0-3) of one NUTS version, with its typologies and profile."""

    code = models.CharField(_("NUTS code"), max_length=10)
    nuts_version = models.PositiveSmallIntegerField(_("NUTS version"), default=2021)
    level = models.PositiveSmallIntegerField(_("level"))
    country_code = models.CharField(_("country"), max_length=2, db_index=True)
    name = models.CharField(_("name (Latin script)"), max_length=200)
    name_national = models.CharField(_("name (national)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )

    # Typologies: mountain, coastal and urban/rural come from the GISCO files; the others are curated.
    is_island = models.BooleanField(_("island"), default=False)
    is_outermost = models.BooleanField(_("outermost region"), default=False)
    is_nspa = models.BooleanField(_("northern sparsely populated"), default=False)
    mountain = models.BooleanField(_("mountain"), default=False)
    coastal = models.BooleanField(_("coastal"), default=False)
    urban_rural = models.CharField(_("urban/rural"), max_length=12, choices=UrbanRural.choices, blank=True)
    ris_group = models.CharField(_("innovation group"), max_length=10, choices=RisGroup.choices, blank=True)
    ris_subgroup = models.CharField(_("innovation subgroup"), max_length=1, choices=RisSubgroup.choices, blank=True)
    ris_year = models.PositiveSmallIntegerField(_("scoreboard year"), null=True, blank=True)

    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    health_system_notes = models.TextField(_("health-system notes"), blank=True)

    geometry = models.JSONField(_("display geometry"), null=True, blank=True)
    label_point = models.JSONField(_("label point"), null=True, blank=True)

    # Bumped by every profile edit, so a stale form is refused instead of overwriting.
    profile_version = models.PositiveIntegerField(default=0)
    profile_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "nuts_version"], name="regions_region_code_version_unique"),
        ]
        indexes = [
            models.Index(fields=["level", "country_code"]),
            # A region and its sub-regions share a code prefix (FI1D, FI1D1...): `code LIKE 'FI1D%'`
            # reads this index whatever the database's collation.
            models.Index(fields=["code"], name="regions_region_code_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("regions:region-detail", args=[self.code])

    @property
    def density(self) -> float | None:
        if self.population is None or not self.area_km2:
            return None
        return self.population / self.area_km2

    @property
    def in_eu27(self) -> bool:
        return self.country_code in EU27

    @property
    def ris_label(self) -> str:
        if not self.ris_group:
            return ""
        return f"{self.get_ris_group_display()}{self.ris_subgroup and ' ' + self.get_ris_subgroup_display()}"

    def typology_labels(self) -> list[str]:
        labels = []
        for field in ("is_island", "is_outermost", "is_nspa", "mountain", "coastal"):
            if getattr(self, field):
                labels.append(capfirst(str(self._meta.get_field(field).verbose_name)))
        if self.urban_rural:
            labels.append(str(self.get_urban_rural_display()))
        return labels


class RegionMembership(models.Model):
    """A regional official's link to a region they answer for."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_memberships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="regions_membership_user_region_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.region.code}"


class PopulationGroup(models.Model):
    """A population with a distinct genetic background (e.g. the Finnish disease heritage)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    regions = models.ManyToManyField(Region, related_name="population_groups", verbose_name=_("regions"))
    conditions_more_frequent = models.TextField(
        _("conditions more frequent"), blank=True, help_text=_("One condition per line.")
    )
    conditions_less_frequent = models.TextField(
        _("conditions less frequent"), blank=True, help_text=_("One condition per line.")
    )
    sources = models.TextField(_("sources"), blank=True, help_text=_("One reference or URL per line."))
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def more_frequent_list(self) -> list[str]:
        return self._lines(self.conditions_more_frequent)

    @property
    def less_frequent_list(self) -> list[str]:
        return self._lines(self.conditions_less_frequent)

    @property
    def source_list(self) -> list[str]:
        return self._lines(self.sources)


class ProfileChange(models.Model):
    """Who changed which profile fields, from what to what."""

    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    population_group = models.ForeignKey(
        PopulationGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    # {field: [old, new]} with values as displayed text.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.changed_by} {self.changed_at:%Y-%m-%d %H:%M}"
