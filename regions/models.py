from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A NUTS region (levels 0-3) of one NUTS version."""

    code = models.CharField(_("NUTS code"), max_length=10)
    nuts_version = models.PositiveSmallIntegerField(_("NUTS version"), default=2021)
    level = models.PositiveSmallIntegerField(_("level"))
    country_code = models.CharField(_("country"), max_length=2, db_index=True)
    name = models.CharField(_("name (Latin script)"), max_length=200)
    name_national = models.CharField(_("name (national)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "nuts_version"], name="regions_region_code_version_unique"),
        ]
        indexes = [models.Index(fields=["level", "country_code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


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
