"""The typologies of a region, named once: their codes, labels and the Region field behind each.

Filters, the score analytics, roadmap modules and report recommendations all speak of regions as
"island", "rural", ... ; they take the codes, labels and queries from here. The innovation group
(`Region.ris_group`) is not a typology; `region_tags` adds it where both are used as tags.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regions.models import RisGroup, UrbanRural


@dataclass(frozen=True)
class Typology:
    code: str
    label: str | Promise
    field: str
    value: bool | str

    def q(self, *, prefix: str = "") -> Q:
        """The regions of this typology; `prefix` reaches them through a relation ("region__")."""
        return Q(**{f"{prefix}{self.field}": self.value})

    def applies_to(self, region) -> bool:
        return getattr(region, self.field) == self.value


TYPOLOGIES: dict[str, Typology] = {
    t.code: t
    for t in (
        Typology("island", _("Island"), "is_island", True),
        Typology("outermost", _("Outermost region"), "is_outermost", True),
        Typology("nspa", _("Northern sparsely populated"), "is_nspa", True),
        Typology("mountain", _("Mountain"), "mountain", True),
        Typology("coastal", _("Coastal"), "coastal", True),
        *(Typology(code, label, "urban_rural", code) for code, label in UrbanRural.choices),
    )
}
TYPOLOGY_CHOICES = [(t.code, t.label) for t in TYPOLOGIES.values()]
# The yes/no typologies and their Region field (the urban-rural ones share one field).
FLAG_FIELDS = {t.code: t.field for t in TYPOLOGIES.values() if t.value is True}
INNOVATION_GROUPS = list(RisGroup.values)
# What a roadmap module may be written for: a typology or an innovation group.
TAG_CHOICES = [*TYPOLOGY_CHOICES, *RisGroup.choices]


def region_typologies(region) -> set[str]:
    """The typology codes of `region` ('island', 'rural', ...)."""
    return {t.code for t in TYPOLOGIES.values() if t.applies_to(region)}


def region_tags(region) -> set[str]:
    """Its typology codes and its innovation group ('emerging', ...), if it has one."""
    tags = region_typologies(region)
    if region.ris_group:
        tags.add(region.ris_group)
    return tags


def typology_q(code: str, *, prefix: str = "") -> Q:
    """The regions of typology `code`; an unknown code filters nothing out."""
    typology = TYPOLOGIES.get(code)
    return typology.q(prefix=prefix) if typology else Q()
