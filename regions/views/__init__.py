"""Pages of the regions app, one module per area; the URL configuration imports them from here."""

from regions.views.organisations import (
    contact_create,
    contact_erase,
    contact_export,
    link_create,
    link_review,
    organisation_detail,
    organisation_edit,
    organisation_list,
    organisation_register,
    organisation_review,
    organisation_revision_review,
)
from regions.views.population_groups import population_group_create, population_group_detail, population_group_edit
from regions.views.regions import (
    DEFAULT_MAP_INDICATORS,
    PROFILE_FACTS,
    network,
    region_detail,
    region_edit,
    region_list,
    region_map,
    region_map_csv,
    region_network,
)

__all__ = [
    "DEFAULT_MAP_INDICATORS",
    "PROFILE_FACTS",
    "contact_create",
    "contact_erase",
    "contact_export",
    "link_create",
    "link_review",
    "network",
    "organisation_detail",
    "organisation_edit",
    "organisation_list",
    "organisation_register",
    "organisation_review",
    "organisation_revision_review",
    "population_group_create",
    "population_group_detail",
    "population_group_edit",
    "region_detail",
    "region_edit",
    "region_list",
    "region_map",
    "region_map_csv",
    "region_network",
]
