"""REST API of this app; `register` adds its viewsets to the project router."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    pass


# Routes that are not viewsets (added under /api/v1/).
urlpatterns: list = []
