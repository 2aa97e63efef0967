"""The viewsets this app adds to the project router, and the routes that are not viewsets."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from regions.api.organisations import ContactViewSet, OrganisationLinkViewSet, OrganisationViewSet
from regions.api.regions import PopulationGroupViewSet, RegionViewSet
from regions.api.statistics import IndicatorValueViewSet, IndicatorViewSet, RegionIndicatorsView


def register(router: DefaultRouter) -> None:
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
    router.register("regions", RegionViewSet, basename="region")
    router.register("population-groups", PopulationGroupViewSet, basename="population-group")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("organisation-links", OrganisationLinkViewSet, basename="organisation-link")
    router.register("contacts", ContactViewSet, basename="contact")


# Routes that are not viewsets (added under /api/v1/).
urlpatterns: list = [
    path("regions/<str:code>/indicators/", RegionIndicatorsView.as_view(), name="region-indicators"),
]
