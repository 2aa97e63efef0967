from django.urls import path

from roadmap import views

app_name = "roadmap"

urlpatterns = [
    path("roadmap/", views.home, name="home"),
    path("roadmap/dependencies/", views.dependencies, name="dependencies"),
    path("roadmap/modules/<str:code>/", views.module_detail, name="module"),
    path("roadmap/library/", views.library, name="library"),
    path("roadmap/library/new/", views.module_new, name="module-new"),
    path("roadmap/library/<str:code>/", views.module_edit, name="module-edit"),
    path("roadmap/library/<str:code>/actions/", views.module_action_add, name="module-action-add"),
    path(
        "roadmap/library/<str:code>/actions/<int:pk>/delete/", views.module_action_delete, name="module-action-delete"
    ),
    path("roadmap/library/<str:code>/evidence/", views.module_evidence_add, name="module-evidence-add"),
    path("roadmap/library/<str:code>/publish/", views.module_publish, name="module-publish"),
    path("roadmap/regions/<str:nuts_code>/", views.region_roadmap, name="region"),
    path("roadmap/regions/<str:nuts_code>/partners/", views.region_partners, name="partners"),
    path("roadmap/regions/<str:nuts_code>/edit/", views.builder, name="builder"),
    path("roadmap/regions/<str:nuts_code>/edit/add/", views.builder_add, name="builder-add"),
    path("roadmap/regions/<str:nuts_code>/edit/settings/", views.roadmap_settings, name="builder-settings"),
    path("roadmap/regions/<str:nuts_code>/edit/publish/", views.roadmap_publish, name="builder-publish"),
    path("roadmap/regions/<str:nuts_code>/edit/items/<int:pk>/move/", views.item_move, name="item-move"),
    path("roadmap/regions/<str:nuts_code>/edit/items/<int:pk>/update/", views.item_update, name="item-update"),
    path("roadmap/regions/<str:nuts_code>/edit/items/<int:pk>/remove/", views.item_remove, name="item-remove"),
    path("roadmap/regions/<str:nuts_code>/edit/items/<int:pk>/milestones/", views.milestone_add, name="milestone-add"),
    path(
        "roadmap/regions/<str:nuts_code>/edit/milestones/<int:pk>/toggle/",
        views.milestone_toggle,
        name="milestone-toggle",
    ),
    path("pilots/", views.pilot_list, name="pilots"),
    path("pilots/new/", views.pilot_edit, name="pilot-new"),
    path("pilots/<slug:slug>/", views.pilot_detail, name="pilot"),
    path("pilots/<slug:slug>/edit/", views.pilot_edit, name="pilot-edit"),
]
