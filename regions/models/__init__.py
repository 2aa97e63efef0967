"""The models of the regions app, one module per area; import them from here."""

from regions.models.organisations import (
    ORGANISATION_EDITABLE_FIELDS,
    Contact,
    ContactErasure,
    Organisation,
    OrganisationKind,
    OrganisationLink,
    OrganisationRevision,
    ValueChainStage,
)
from regions.models.regions import (
    EU27,
    PopulationGroup,
    ProfileChange,
    Region,
    RegionMembership,
    RisGroup,
    RisSubgroup,
    UrbanRural,
)
from regions.models.statistics import Indicator, IndicatorValue

__all__ = [
    "EU27",
    "ORGANISATION_EDITABLE_FIELDS",
    "Contact",
    "ContactErasure",
    "Indicator",
    "IndicatorValue",
    "Organisation",
    "OrganisationKind",
    "OrganisationLink",
    "OrganisationRevision",
    "PopulationGroup",
    "ProfileChange",
    "Region",
    "RegionMembership",
    "RisGroup",
    "RisSubgroup",
    "UrbanRural",
    "ValueChainStage",
]
