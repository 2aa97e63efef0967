from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/summary/", views.consultation_summary, name="consultation-summary"),
    path("consultations/<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("consultations/<int:pk>/items/<str:code>/endorse/", views.endorse, name="endorse"),
    path("consultations/<int:pk>/follow/", views.follow, name="follow"),
    path("consultations/<int:pk>/close/", views.consultation_close, name="consultation-close"),
    path("consultations/<int:pk>/changes/new/", views.change_new, name="change-new"),
    path("consultations/<int:pk>/comments/<int:comment_pk>/hide/", views.comment_hide, name="comment-hide"),
    path("consultations/<int:pk>/comments/<int:comment_pk>/report/", views.comment_report, name="comment-report"),
    path("regions/<str:nuts_code>/consultations/new/", views.consultation_new, name="consultation-new"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/reports/<int:pk>/dismiss/", views.report_dismiss, name="report-dismiss"),
    path("moderation/users/<int:user_pk>/block/", views.user_block, name="user-block"),
    path("best-practices/", views.best_practice_list, name="best-practices"),
    path("best-practices/new/", views.best_practice_edit, name="best-practice-new"),
    path("best-practices/<int:pk>/", views.best_practice_detail, name="best-practice"),
    path("best-practices/<int:pk>/edit/", views.best_practice_edit, name="best-practice-edit"),
    path("best-practices/<int:pk>/<str:action>/", views.best_practice_review, name="best-practice-review"),
    path("findings/<int:pk>/promote/", views.finding_promote, name="finding-promote"),
    path("interests/", views.interest_list, name="interests"),
    path("interests/<int:pk>/", views.interest_detail, name="interest"),
    path("pilots/<slug:key>/interest/", views.interest_new, {"kind": "pilot"}, name="pilot-interest"),
    path("regions/<str:key>/interest/", views.interest_new, {"kind": "region"}, name="region-interest"),
]
