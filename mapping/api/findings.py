"""Findings and the heatmap of scores."""

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from mapping import analytics, permissions, selectors, services
from mapping.filters import FindingFilter
from mapping.serializers import (
    FindingInputSerializer,
    FindingSerializer,
    FindingStatusSerializer,
)
from regions.models import Region
from saphire.schema import may_answer
from saphire.scores import score_round


class FindingViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.finding_list(user=self.request.user).order_by("region__code", "-severity", "id")

    @extend_schema(request=FindingInputSerializer, responses={201: FindingSerializer})
    def create(self, request, *args, **kwargs):
        if not permissions.can_manage_findings(request.user):
            raise PermissionDenied
        payload = FindingInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        region = Region.objects.filter(code=data.pop("region").upper()).first()
        if region is None:
            raise ValidationError({"region": ["Unknown region code."]})
        finding = services.finding_create(region=region, created_by=request.user, **data)
        return ApiResponse(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FindingStatusSerializer, responses=FindingSerializer)
    def partial_update(self, request, *args, **kwargs):
        if not permissions.can_manage_findings(request.user):
            raise PermissionDenied
        payload = FindingStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        finding = self.get_object()
        status_to = data.pop("status", None)
        with transaction.atomic():
            if status_to:
                finding = services.finding_set_status(finding=finding, status=status_to, by=request.user)
            if data:
                finding = services.finding_update(finding=finding, by=request.user, **data)
        return ApiResponse(FindingSerializer(finding).data)


class HeatmapView(APIView):
    """Scores per region and theme from accepted answers (public: aggregates only)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("campaign", int),
            OpenApiParameter("country", str),
            OpenApiParameter("innovation_group", str),
            OpenApiParameter("typology", str),
            OpenApiParameter("sort", str, description="A theme code (highest first), -CODE, mean or -mean"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @may_answer(404)
    def get(self, request):
        campaign_id = request.query_params.get("campaign")
        if campaign_id not in (None, ""):
            if not str(campaign_id).isdigit():
                raise ValidationError({"campaign": ["Give a campaign id."]})
            campaign = selectors.campaign_list(user=request.user).filter(pk=campaign_id).first()
            if campaign is None:
                raise NotFound("No such campaign.")
            campaign_id = campaign.pk
        else:
            campaign_id = None
        rows = analytics.heatmap(
            campaign_id=campaign_id,
            country=request.query_params.get("country", ""),
            innovation_group=request.query_params.get("innovation_group", ""),
            typology=request.query_params.get("typology", ""),
            sort=request.query_params.get("sort", ""),
        )
        return ApiResponse(
            {
                "campaign": campaign_id,
                "formula": analytics.FORMULA,
                "themes": list(selectors.theme_list().values_list("code", flat=True)),
                "count": len(rows),
                "results": [
                    {
                        "region": r.code,
                        "name": r.name,
                        "country": r.country_code,
                        "scores": {code: score_round(score) for code, score in r.scores.items()},
                        "mean": score_round(r.mean),
                    }
                    for r in rows
                ],
            }
        )
