"""Eurostat indicators and their values per region and year."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    """A regional statistic or typology imported from a Eurostat file, with its source line."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        CATEGORY = "category", _("Category")

    code = models.CharField(_("code"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    dataset = models.CharField(_("source dataset code"), max_length=80)
    licence = models.CharField(_("source and licence line"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    # {code: label} in display order, for typologies; the codes of a yes/no typology that mean "yes".
    categories = models.JSONField(_("categories"), default=dict, blank=True)
    yes_codes = models.JSONField(_("codes meaning yes"), default=list, blank=True)
    levels = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True, verbose_name=_("levels"))
    # Where the source gives no year per value (the Regional Yearbook maps), the year its footnote states.
    year_note = models.CharField(_("year note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_yes_no(self) -> bool:
        return bool(self.yes_codes)


class IndicatorValue(models.Model):
    """One value of an indicator for one region code, in the NUTS version the source coded it in."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    region_code = models.CharField(_("NUTS code"), max_length=10)
    nuts_version = models.PositiveSmallIntegerField(_("NUTS version"))
    level = models.PositiveSmallIntegerField(_("level"))
    country_code = models.CharField(_("country"), max_length=2)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, blank=True)
    # Eurostat's observation flags as published: p provisional, e estimated, b break in series, ...
    flags = models.CharField(_("flags"), max_length=10, blank=True)

    class Meta:
        ordering = ["indicator", "region_code", "nuts_version", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region_code", "nuts_version", "year"],
                name="regions_indicatorvalue_unique",
                nulls_distinct=False,
            ),
        ]
        indexes = [
            models.Index(fields=["region_code"]),
            models.Index(fields=["indicator", "level", "nuts_version", "year"]),
        ]

    def __str__(self) -> str:
        shown = self.category or self.value
        return f"{self.indicator_id} {self.region_code} {self.year}: {shown}"
