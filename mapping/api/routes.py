"""The viewsets this app adds to the project router, and the routes that are not viewsets."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from mapping.api.campaigns import AnswerView, CampaignExportView, CampaignViewSet, ResponseViewSet
from mapping.api.findings import FindingViewSet, HeatmapView
from mapping.api.questionnaires import QuestionnaireViewSet, QuestionViewSet, ThemeViewSet, VersionViewSet
from mapping.api.review import CommentReplyView, CommentResolveView, ResponseCommentsView, ResponseTimelineView


def register(router: DefaultRouter) -> None:
    router.register("themes", ThemeViewSet, basename="theme")
    router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
    router.register("questionnaire-versions", VersionViewSet, basename="questionnaire-version")
    router.register("questions", QuestionViewSet, basename="question")
    router.register("campaigns", CampaignViewSet, basename="campaign")
    router.register("responses", ResponseViewSet, basename="response")
    router.register("findings", FindingViewSet, basename="finding")


# Routes that are not viewsets (added under /api/v1/, before the router's).
urlpatterns: list = [
    path("campaigns/<int:pk>/export.<str:fmt>", CampaignExportView.as_view(), name="campaign-export"),
    path("responses/<int:pk>/answers/", AnswerView.as_view(), name="response-answers"),
    path("responses/<int:pk>/comments/", ResponseCommentsView.as_view(), name="response-comments"),
    path(
        "responses/<int:pk>/comments/<int:comment_pk>/reply/", CommentReplyView.as_view(), name="response-comment-reply"
    ),
    path(
        "responses/<int:pk>/comments/<int:comment_pk>/resolve/",
        CommentResolveView.as_view(),
        name="response-comment-resolve",
    ),
    path("responses/<int:pk>/timeline/", ResponseTimelineView.as_view(), name="response-timeline"),
    path("analytics/heatmap/", HeatmapView.as_view(), name="analytics-heatmap"),
]
