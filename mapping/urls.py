from django.urls import path

from mapping import views

app_name = "mapping"

urlpatterns = [
    path("campaigns/<int:campaign_pk>/regions/<str:code>/", views.response_open, name="response-open"),
]
