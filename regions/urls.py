from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("", views.region_list, name="region-list"),
    path("map/", views.region_map, name="region-map"),
    path("map/data.csv", views.region_map_csv, name="region-map-csv"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/register/", views.organisation_register, name="organisation-register"),
    path("organisations/network/", views.network, name="network"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<int:pk>/review/", views.organisation_review, name="organisation-review"),
    path("organisations/changes/<int:pk>/review/", views.organisation_revision_review, name="revision-review"),
    path("organisations/links/<int:pk>/review/", views.link_review, name="link-review"),
    path("organisations/<int:pk>/contacts/new/", views.contact_create, name="contact-create"),
    path("organisations/<int:pk>/links/new/", views.link_create, name="link-create"),
    path("contacts/<int:pk>/export/", views.contact_export, name="contact-export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact-erase"),
    path("population-groups/new/", views.population_group_create, name="population-group-create"),
    path("population-groups/<int:pk>/", views.population_group_detail, name="population-group-detail"),
    path("population-groups/<int:pk>/edit/", views.population_group_edit, name="population-group-edit"),
    path("<str:code>/", views.region_detail, name="region-detail"),
    path("<str:code>/edit/", views.region_edit, name="region-edit"),
    path("<str:code>/network/", views.region_network, name="region-network"),
]
