from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("request/", views.report_request, name="report-request"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/status/", views.report_status, name="report-status"),
    path("<int:pk>/html", views.report_html, name="report-html"),
    path("<int:pk>/pdf", views.report_pdf, name="report-pdf"),
    path("<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("<int:pk>/unpublish/", views.report_unpublish, name="report-unpublish"),
    path("<int:pk>/retry/", views.report_retry, name="report-retry"),
    path("batches/new/", views.batch_create, name="batch-create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batches/<int:pk>/progress/", views.batch_progress, name="batch-progress"),
    path("batches/<int:pk>/retry/", views.batch_retry, name="batch-retry"),
    path("batches/<int:pk>/reports.zip", views.batch_zip, name="batch-zip"),
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/new/", views.recommendation_create, name="recommendation-create"),
    path("recommendations/<int:pk>/", views.recommendation_edit, name="recommendation-edit"),
]
