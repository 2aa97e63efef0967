"""The whole REST API surface, under /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accounts import api as accounts_api
from mapping import api as mapping_api
from regions import api as regions_api
from reports import api as reports_api
from roadmap import api as roadmap_api
from workshops import api as workshops_api

APP_APIS = [accounts_api, regions_api, mapping_api, workshops_api, roadmap_api, reports_api]

router = DefaultRouter()
for app_api in APP_APIS:
    app_api.register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the page needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *[pattern for app_api in APP_APIS for pattern in app_api.urlpatterns],
    *router.urls,
]
