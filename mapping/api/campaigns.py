"""Campaigns, their export, responses and answers."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from mapping import exports, permissions, selectors, services
from mapping.filters import ResponseFilter
from mapping.serializers import (
    AnswerInputSerializer,
    AnswerSerializer,
    CampaignInputSerializer,
    CampaignSerializer,
    ResponseSerializer,
    ResponseStartSerializer,
    ReturnSerializer,
)
from regions.models import Region
from saphire.roles import official_region_ids
from saphire.schema import may_answer


class CampaignViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CampaignSerializer

    def get_queryset(self):
        return selectors.campaign_list(user=self.request.user).prefetch_related("regions").order_by("-opens_on", "-id")

    @extend_schema(request=CampaignInputSerializer, responses={201: CampaignSerializer})
    def create(self, request, *args, **kwargs):
        if not permissions.can_manage_campaigns(request.user):
            raise PermissionDenied
        payload = CampaignInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        codes = {code.upper() for code in data["regions"]}
        regions = list(Region.objects.filter(code__in=codes))
        unknown = codes - {r.code for r in regions}
        if unknown:
            raise ValidationError({"regions": [f"Unknown region codes: {', '.join(sorted(unknown))}."]})
        campaign = services.campaign_create(
            title=data["title"],
            version=data["version"],
            regions=regions,
            opens_on=data["opens_on"],
            deadline=data["deadline"],
            created_by=request.user,
            carry_over=data["carry_over"],
        )
        return ApiResponse(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)


class CampaignExportView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("shape", str, enum=["wide", "long", "codebook"]),
            OpenApiParameter("evidence", bool, description="Wide shape: add evidence and confidence columns."),
        ],
        responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    @may_answer(403)
    def get(self, request, pk, fmt):
        if not permissions.can_export(request.user):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            raise NotFound
        campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=pk)
        shape = request.query_params.get("shape", "wide")
        if shape not in ("wide", "long", "codebook"):
            raise ValidationError({"shape": ["Choose wide, long or codebook."]})
        evidence = request.query_params.get("evidence", "") in ("1", "true")
        return exports.campaign_export_response(campaign=campaign, fmt=fmt, shape=shape, evidence=evidence)


class ResponseViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ResponseSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = ResponseFilter

    def get_queryset(self):
        return selectors.response_list(user=self.request.user).order_by("campaign_id", "region__code")

    @extend_schema(request=ResponseStartSerializer, responses={201: ResponseSerializer})
    @may_answer(404)
    def create(self, request, *args, **kwargs):
        if not official_region_ids(request.user):
            raise PermissionDenied("Only a region's officials start its response.")
        payload = ResponseStartSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=payload.validated_data["campaign"])
        region = get_object_or_404(campaign.regions.all(), code=payload.validated_data["region"].upper())
        if not permissions.can_edit_region_response(request.user, region):
            raise PermissionDenied
        response = services.response_start(campaign=campaign, region=region)
        return ApiResponse(ResponseSerializer(response).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ResponseSerializer)
    @may_answer(400, 409)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        response = self.get_object()
        if not permissions.can_edit_response(request.user, response):
            raise PermissionDenied
        try:
            response = services.response_submit(response=response, by=request.user)
        except services.ResponseLocked as error:
            return ApiResponse({"detail": " ".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            if error.code != "incomplete":
                raise
            missing = [q.code for q in services.response_missing(response=response)]
            return ApiResponse(
                {"non_field_errors": error.messages, "missing": missing}, status=status.HTTP_400_BAD_REQUEST
            )
        return ApiResponse(ResponseSerializer(response).data)

    @extend_schema(request=ReturnSerializer, responses=ResponseSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        response = self.get_object()
        if not permissions.can_review_response(request.user, response):
            raise PermissionDenied
        payload = ReturnSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comments = {}
        for key, text in payload.validated_data["comments"].items():
            if not str(key).isdigit():
                raise ValidationError({"comments": [f"{key!r} is not a question id."]})
            comments[int(key)] = text
        response = services.response_return(
            response=response, by=request.user, comment=payload.validated_data["comment"], question_comments=comments
        )
        return ApiResponse(ResponseSerializer(response).data)

    @extend_schema(request=None, responses=ResponseSerializer)
    @may_answer(400)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        response = self.get_object()
        if not permissions.can_review_response(request.user, response):
            raise PermissionDenied
        return ApiResponse(ResponseSerializer(services.response_accept(response=response, by=request.user)).data)


class AnswerView(APIView):
    """GET: the response's answers. POST: save one answer; a stale revision gets 409 with the current value."""

    permission_classes = [IsAuthenticated]

    def _response(self, request, pk):
        return get_object_or_404(selectors.response_list(user=request.user).select_related("campaign"), pk=pk)

    @extend_schema(
        responses={
            200: inline_serializer(
                "ResponseAnswers", {"response": ResponseSerializer(), "results": AnswerSerializer(many=True)}
            )
        }
    )
    def get(self, request, pk):
        response = self._response(request, pk)
        answers = response.answers.select_related("question", "answered_by").order_by(
            "question__section__order", "question__order"
        )
        return ApiResponse(
            {"response": ResponseSerializer(response).data, "results": AnswerSerializer(answers, many=True).data}
        )

    @extend_schema(
        request=AnswerInputSerializer,
        responses={
            200: AnswerSerializer,
            400: OpenApiResponse(description="The value is not valid; field messages say what to fix."),
            409: OpenApiResponse(description="Stale revision (with `current`) or a read-only response."),
        },
    )
    def post(self, request, pk):
        response = self._response(request, pk)
        if not permissions.can_edit_response(request.user, response):
            if permissions.can_view_response(request.user, response) and not response.is_editable:
                return ApiResponse(
                    {"detail": f"The response is {response.get_status_display().lower()} and read-only."},
                    status=status.HTTP_409_CONFLICT,
                )
            raise PermissionDenied
        payload = AnswerInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        questions = selectors.version_questions(response.campaign.version_id)
        if "question" in data:
            question = next((q for q in questions if q.pk == data["question"]), None)
        else:
            question = next((q for q in questions if q.code == data["question_code"]), None)
        if question is None:
            raise ValidationError({"question": ["Not a question of this campaign's questionnaire."]})
        evidence = {key: data[key] for key in services.responses.EVIDENCE_FIELDS if key in data}
        try:
            answer = services.answer_save(
                response=response,
                question=question,
                value=data["value"],
                base_revision=data["revision"],
                by=request.user,
                evidence=evidence,
            )
        except services.AnswerConflict as conflict:
            return ApiResponse(
                {
                    "detail": "The answer changed since the revision you based this save on; nothing was overwritten.",
                    "current": AnswerSerializer(conflict.current).data,
                    "submitted": conflict.submitted,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except services.ResponseLocked as error:
            return ApiResponse({"detail": " ".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise ValidationError(error.message_dict) from None
            raise ValidationError({"value": error.messages}) from None
        response = answer.response  # the locked row, carrying the progress the save computed
        return ApiResponse(
            {
                "answer": AnswerSerializer(answer).data,
                "progress": response.progress,
                "missing_count": response.missing_count,
            }
        )
