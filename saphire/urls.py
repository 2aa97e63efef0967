from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from saphire import views

handler404 = "saphire.views.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("saphire.api")),
    path("regions/", include("regions.urls")),
    path("mapping/", include("mapping.urls")),
    path("events/", include("workshops.urls")),
    path("reports/", include("reports.urls")),
    # The roadmap app serves /roadmap/ and /pilots/.
    path("", include("roadmap.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
