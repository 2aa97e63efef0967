"""REST API of reports: request, follow and download reports; batches; the recommendation library."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
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

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            201: ReportSerializer,
            200: ReportSerializer,
            503: OpenApiResponse(description="The task queue is unreachable: the report is marked failed."),
        },
    )
    def create(self, request, *args, **kwargs):
        if not permissions.can_request_any_report(request.user):
            raise PermissionDenied("Only coordinators and regional officials request reports.")
        serializer = ReportRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        region = serializer.validated_data["region"]
        if not permissions.can_request_report(request.user, region):
            raise PermissionDenied("Only coordinators and the region's officials can request its report.")
        try:
            report, queued = services.report_request(
                region=region,
                campaign=serializer.validated_data["campaign"],
                language=serializer.validated_data.get("language") or getattr(request.user, "language", ""),
                requested_by=request.user,
            )
        except services.QueueUnavailable as exc:
            raise QueueUnavailableError() from exc
        except services.EmptyInputs as exc:
            raise ValidationError({"campaign": exc.messages}) from exc
        selectors.mark_currency([report])
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED if queued else status.HTTP_200_OK)

    @extend_schema(
        request=None,
        responses={
            200: ReportSerializer,
            409: OpenApiResponse(description="The report is neither failed nor stuck."),
            503: OpenApiResponse(description="The task queue is unreachable: the report is marked failed."),
        },
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, *args, **kwargs):
        """Queue a failed report, or one stuck queued or running past its timeout, again."""
        report = self.get_object()
        if not permissions.can_request_report(request.user, report.region):
            raise PermissionDenied("Only coordinators and the region's officials can retry its report.")
        if not permissions.can_retry_report(request.user, report):
            raise Conflict("Only a failed report, or one stuck queued or running, can be retried.")
        try:
            report = services.report_retry(report=report, requested_by=request.user)
        except services.QueueUnavailable as exc:
            raise QueueUnavailableError() from exc
        report = selectors.report_list(user=request.user).get(pk=report.pk)
        selectors.mark_currency([report])
        return Response(ReportSerializer(report).data)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class QueueUnavailableError(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = (
        "The build could not be queued: the task queue is unreachable. "
        "The report is marked failed; try again in a moment."
    )
    default_code = "queue_unavailable"


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

    @extend_schema(
        request=BatchRequestSerializer,
        responses={
            201: BatchSerializer,
            503: OpenApiResponse(description="The task queue is unreachable: the batch's reports are marked failed."),
        },
    )
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
        try:
            batch = services.batch_create(
                regions=regions,
                campaign=campaign,
                title=f"Reports for {len(regions)} regions",
                language=serializer.validated_data.get("language") or getattr(request.user, "language", ""),
                created_by=request.user,
            )
        except services.QueueUnavailable as exc:
            raise QueueUnavailableError() from exc
        except services.EmptyInputs as exc:
            raise ValidationError({"campaign": exc.messages}) from exc
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
