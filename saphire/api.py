"""The whole REST API surface, under /api/v1/: every app's routes, as the apps registered them."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from saphire import plugins

router = DefaultRouter()
for app_routes in plugins.api_routes:
    app_routes.register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the page needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *[pattern for app_routes in plugins.api_routes for pattern in app_routes.urlpatterns],
    *router.urls,
]
