from django.db import models
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

    class Meta:
        ordering = ["region", "-decided_at", "rank"]
        verbose_name_plural = _("region priorities")

    def __str__(self) -> str:
        return f"{self.region.code} #{self.rank} {self.label}"
