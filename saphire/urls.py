from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from saphire import views

handler400 = "saphire.views.bad_request"
handler404 = "saphire.views.page_not_found"
handler500 = "saphire.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    # Before Django's own: the language switcher also updates a signed-in user's profile.
    path("i18n/setlang/", accounts_views.language_set, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("saphire.api")),
    path("regions/", include("regions.urls")),
    path("mapping/", include("mapping.urls")),
    path("events/", include("workshops.urls")),
    path("reports/", include("reports.urls")),
    path("participate/", include("participation.urls")),
    # The roadmap app serves /roadmap/ and /pilots/.
    path("", include("roadmap.urls")),
]
# No route serves MEDIA_ROOT: attachments and reports go out through views that check permission
# (saphire/files.py), in development as in production.
