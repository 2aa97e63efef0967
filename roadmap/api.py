"""REST API of this app; `register` adds its viewsets to the project router."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from roadmap import extensions, matchmaking, selectors
from roadmap.filters import PilotFilter
from roadmap.serializers import (
    ModuleOutputSerializer,
    OtherResultOutputSerializer,
    PartnerOutputSerializer,
    PartnersOutputSerializer,
    PilotOutputSerializer,
    RoadmapOutputSerializer,
    SearchOutputSerializer,
    SearchQuerySerializer,
    SharedGapOutputSerializer,
)
from saphire.i18n import active_language


class ModuleViewSet(viewsets.ReadOnlyModelViewSet):
    """Published modules (their current version); drafts are not listed."""

    serializer_class = ModuleOutputSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_-]+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.public_modules(
            q=params.get("q", ""),
            lang=active_language(),
            theme=params.get("theme", ""),
            horizon=params.get("horizon", ""),
            cost=params.get("cost", ""),
            typology=params.get("typology", ""),
        )


class RoadmapViewSet(viewsets.ReadOnlyModelViewSet):
    """Published region roadmaps (their current version), looked up by NUTS code."""

    serializer_class = RoadmapOutputSerializer
    lookup_field = "region__code"
    lookup_url_kwarg = "nuts_code"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.public_roadmaps(
            q=params.get("q", ""),
            lang=active_language(),
            theme=params.get("theme", ""),
            typology=params.get("typology", ""),
            innovation_group=params.get("group", ""),
        )


class PilotViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PilotOutputSerializer
    lookup_field = "slug"
    filterset_class = PilotFilter

    def get_queryset(self):
        return selectors.pilot_list(user=self.request.user)


class PartnersView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: PartnersOutputSerializer})
    def get(self, request, nuts_code: str):
        region = selectors.region_by_code(code=nuts_code)
        return Response(
            {
                "region": region.code,
                "partners": PartnerOutputSerializer(matchmaking.partner_regions(region=region), many=True).data,
                "shared_gaps": SharedGapOutputSerializer(matchmaking.shared_gap_regions(region=region), many=True).data,
            }
        )


class SearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(parameters=[SearchQuerySerializer], responses={200: SearchOutputSerializer})
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data["q"]
        lang = query.validated_data.get("lang") or active_language()
        modules = selectors.public_modules(q=q, lang=lang)[:20]
        roadmaps = selectors.public_roadmaps(q=q, lang=lang)[:20]
        return Response(
            {
                "q": q,
                "modules": ModuleOutputSerializer(modules, many=True).data,
                "roadmaps": RoadmapOutputSerializer(roadmaps, many=True).data,
                "other": OtherResultOutputSerializer(extensions.search(q=q, lang=lang), many=True).data,
            }
        )


def register(router: DefaultRouter) -> None:
    router.register("modules", ModuleViewSet, basename="module")
    router.register("roadmaps", RoadmapViewSet, basename="roadmap")
    router.register("pilots", PilotViewSet, basename="pilot")


urlpatterns: list = [
    path("regions/<str:nuts_code>/partners/", PartnersView.as_view(), name="region-partners"),
    path("search/", SearchView.as_view(), name="roadmap-search"),
]
