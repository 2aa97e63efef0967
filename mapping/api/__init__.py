"""REST API of the mapping app, one module per area; `register` adds its viewsets to the project router."""

from mapping.api.campaigns import AnswerView, CampaignExportView, CampaignViewSet, ResponseViewSet
from mapping.api.findings import FindingViewSet, HeatmapView
from mapping.api.questionnaires import QuestionnaireViewSet, QuestionViewSet, ThemeViewSet, VersionViewSet
from mapping.api.routes import register, urlpatterns

__all__ = [
    "AnswerView",
    "CampaignExportView",
    "CampaignViewSet",
    "FindingViewSet",
    "HeatmapView",
    "QuestionViewSet",
    "QuestionnaireViewSet",
    "ResponseViewSet",
    "ThemeViewSet",
    "VersionViewSet",
    "register",
    "urlpatterns",
]
