"""REST API of reports: request, follow and download reports; batches; the recommendation library."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from reports import permissions, selectors, services, views
from reports.models import Recommendation, ReportBatch
from reports.serializers import (
    BatchRequestSerializer,
    BatchSerializer,
    RecommendationSerializer,
    ReportRequestSerializer,
    ReportSerializer,
)
from saphire.schema import may_answer


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reports the user may see. POST with a region queues a build (201) or returns the up-to-date report (200)."""

    serializer_class = ReportSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["status"]
    ordering_fields = ["requested_at", "finished_at"]

    def get_queryset(self):
        return selectors.report_list(
            user=self.request.user, filters={"region": self.request.query_params.get("region")}
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        selectors.mark_currency(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        selectors.mark_currency([report])
        return Response(self.get_serializer(report).data)

    @extend_schema(request=ReportRequestSerializer, responses={201: ReportSerializer, 200: ReportSerializer})
    def create(self, request, *args, **kwargs):
        if not permissions.can_request_any_report(request.user):
            raise PermissionDenied("Only coordinators and regional officials request reports.")
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        region = serializer.validated_data["region"]
        if not permissions.can_request_report(request.user, region):
            raise PermissionDenied("Only coordinators and the region's officials can request its report.")
        report, queued = services.report_request(
            region=region, campaign=serializer.validated_data["campaign"], requested_by=request.user
        )
        selectors.mark_currency([report])
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED if queued else status.HTTP_200_OK)


class BatchViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Batches of reports (coordinators): POST regions (or nothing for every EU NUTS 2 region), GET the progress."""

    permission_classes = [IsAuthenticated]
    serializer_class = BatchSerializer
    queryset = ReportBatch.objects.all()
    lookup_value_regex = r"\d+"

    def _respond(self, batch: ReportBatch, code: int) -> Response:
        context = {
            "progress": selectors.batch_progress(batch=batch),
            "failed": selectors.batch_failed_reports(batch=batch),
        }
        return Response(BatchSerializer(batch, context=context).data, status=code)

    @may_answer(403)
    def retrieve(self, request, *args, **kwargs):
        batch = get_object_or_404(ReportBatch, pk=kwargs["pk"])
        if not permissions.can_view_batch(request.user, batch):
            raise PermissionDenied("Only coordinators follow report batches.")
        return self._respond(batch, status.HTTP_200_OK)

    @extend_schema(request=BatchRequestSerializer, responses={201: BatchSerializer})
    def create(self, request, *args, **kwargs):
        if not permissions.can_create_batch(request.user):
            raise PermissionDenied("Only coordinators build reports in batches.")
        serializer = BatchRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        codes, campaign = serializer.validated_data["regions"], serializer.validated_data["campaign"]
        if campaign is not None:
            regions = services.campaign_regions(campaign=campaign, codes=codes or None)
        else:
            regions = services.batch_regions(codes=codes or None)
        if not regions:
            raise ValidationError({"regions": ["No region to build: the campaign has none of these regions."]})
        batch = services.batch_create(
            regions=regions, campaign=campaign, title=f"Reports for {len(regions)} regions", created_by=request.user
        )
        return self._respond(batch, status.HTTP_201_CREATED)


class IsCoordinator(BasePermission):
    message = "Only coordinators read the recommendation library."

    def has_permission(self, request, view) -> bool:
        return permissions.can_edit_recommendation(request.user)


class RecommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The recommendation library (coordinators)."""

    permission_classes = [IsAuthenticated, IsCoordinator]
    serializer_class = RecommendationSerializer
    queryset = Recommendation.objects.none()
    filterset_fields = ["kind", "is_active"]

    def get_queryset(self):
        return selectors.recommendation_list()


class ReportFileApi(APIView):
    """The report's standalone HTML document or its PDF (done reports only)."""

    kind = "pdf"

    @extend_schema(responses={200: OpenApiResponse(description="The file")})
    def get(self, request, pk: int):
        report = get_object_or_404(selectors.report_list(user=request.user), pk=pk)
        return views.report_file_response(report, self.kind)


def register(router: DefaultRouter) -> None:
    router.register("reports", ReportViewSet, basename="report")
    router.register("report-batches", BatchViewSet, basename="report-batch")
    router.register("recommendations", RecommendationViewSet, basename="recommendation")


urlpatterns = [
    path("reports/<int:pk>/html", ReportFileApi.as_view(kind="html"), name="reports-api-html"),
    path("reports/<int:pk>/pdf", ReportFileApi.as_view(kind="pdf"), name="reports-api-pdf"),
]
