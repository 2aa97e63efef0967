"""REST API of the regions app, one module per area; `register` adds its viewsets to the project router."""

from regions.api.organisations import ContactAccess, ContactViewSet, OrganisationLinkViewSet, OrganisationViewSet
from regions.api.regions import PopulationGroupViewSet, RegionViewSet
from regions.api.routes import register, urlpatterns
from regions.api.statistics import IndicatorValueViewSet, IndicatorViewSet, RegionIndicatorsView

__all__ = [
    "ContactAccess",
    "ContactViewSet",
    "IndicatorValueViewSet",
    "IndicatorViewSet",
    "OrganisationLinkViewSet",
    "OrganisationViewSet",
    "PopulationGroupViewSet",
    "RegionIndicatorsView",
    "RegionViewSet",
    "register",
    "urlpatterns",
]
