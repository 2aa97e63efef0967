from django.urls import path

from mapping import views

app_name = "mapping"

urlpatterns = [
    path("", views.index, name="index"),
    path("themes/", views.theme_list, name="theme-list"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire-list"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version-publish"),
    path("versions/<int:pk>/copy/", views.version_copy, name="version-copy"),
    path("versions/<int:pk>/delete/", views.version_delete, name="version-delete"),
    path("versions/<int:pk>/preview/", views.version_preview, name="version-preview"),
    path("versions/<int:pk>/diff/<int:other_pk>/", views.version_diff, name="version-diff"),
    path("versions/<int:version_pk>/sections/new/", views.section_edit, name="section-create"),
    path("versions/<int:version_pk>/sections/<int:pk>/", views.section_edit, name="section-edit"),
    path("versions/<int:version_pk>/sections/<int:pk>/delete/", views.section_delete, name="section-delete"),
    path("versions/<int:version_pk>/questions/new/", views.question_edit, name="question-create"),
    path("versions/<int:version_pk>/questions/<int:pk>/", views.question_edit, name="question-edit"),
    path("versions/<int:version_pk>/questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/export.<str:fmt>", views.campaign_export, name="campaign-export"),
    path("campaigns/<int:pk>/suggest-findings/", views.campaign_suggest_findings, name="campaign-suggest"),
    path("campaigns/<int:campaign_pk>/regions/<str:code>/", views.response_open, name="response-open"),
    path("responses/<int:pk>/", views.response_fill, name="response-fill"),
    path("responses/<int:pk>/answers/<int:question_pk>/", views.response_answer, name="response-answer"),
    path("responses/<int:pk>/submit/", views.response_submit, name="response-submit"),
    path("responses/<int:pk>/review/", views.response_review, name="response-review"),
    path("responses/<int:pk>/accept/", views.response_accept, name="response-accept"),
    path("responses/<int:pk>/history/", views.response_history, name="response-history"),
    path("findings/", views.finding_list, name="finding-list"),
    path("findings/new/", views.finding_create, name="finding-create"),
    path("findings/<int:pk>/status/", views.finding_status, name="finding-status"),
    path("findings/<int:pk>/", views.finding_edit, name="finding-edit"),
    path("rules/", views.rule_list, name="rule-list"),
    path("rules/<int:pk>/toggle/", views.rule_toggle, name="rule-toggle"),
    path("results/", views.heatmap, name="heatmap"),
    path("results/map/", views.score_map, name="score-map"),
    path("results/regions/<str:code>/", views.region_results, name="region-results"),
]
