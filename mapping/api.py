"""REST API of the mapping app; `register` adds its viewsets to the project router."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response as ApiResponse
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from mapping import analytics, exports, permissions, selectors, services
from mapping.filters import FindingFilter, ResponseFilter
from mapping.models import Question, Section
from mapping.serializers import (
    AnswerInputSerializer,
    AnswerSerializer,
    CampaignInputSerializer,
    CampaignSerializer,
    FindingInputSerializer,
    FindingSerializer,
    FindingStatusSerializer,
    QuestionInputSerializer,
    QuestionnaireSerializer,
    QuestionSerializer,
    ResponseSerializer,
    ResponseStartSerializer,
    ReturnSerializer,
    ThemeSerializer,
    VersionSerializer,
)
from regions.models import Region
from saphire.roles import official_region_ids
from saphire.schema import may_answer


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemeSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"

    def get_queryset(self):
        return selectors.theme_list()


class QuestionnaireViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Questionnaires with their versions; `versions/<number>/` gives the sections and questions."""

    serializer_class = QuestionnaireSerializer

    def get_queryset(self):
        return selectors.questionnaire_list(user=self.request.user).prefetch_related("versions").order_by("title")

    def create(self, request, *args, **kwargs):
        if not permissions.can_manage_questionnaires(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.questionnaire_create(created_by=self.request.user, **serializer.validated_data)

    @extend_schema(
        parameters=[OpenApiParameter("number", int, OpenApiParameter.PATH, description="The version's number.")],
        responses=VersionSerializer,
    )
    @action(detail=True, url_path=r"versions/(?P<number>\d+)")
    def version(self, request, pk=None, number=None):
        questionnaire = self.get_object()
        version = get_object_or_404(
            selectors.version_list(user=request.user), questionnaire=questionnaire, number=number
        )
        return ApiResponse(VersionSerializer(_with_structure(version)).data)


def _with_structure(version):
    version = (
        type(version)
        .objects.prefetch_related(
            Prefetch("sections__questions", queryset=Question.objects.select_related("theme", "condition_question"))
        )
        .get(pk=version.pk)
    )
    return version


class VersionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VersionSerializer

    def get_queryset(self):
        return (
            selectors.version_list(user=self.request.user)
            .prefetch_related(
                Prefetch("sections__questions", queryset=Question.objects.select_related("theme", "condition_question"))
            )
            .order_by("questionnaire__title", "-number")
        )

    def _coordinator(self):
        if not permissions.can_manage_questionnaires(self.request.user):
            raise PermissionDenied

    @extend_schema(request=None, responses=VersionSerializer)
    @may_answer(400)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        self._coordinator()
        version = services.version_publish(version=self.get_object())
        return ApiResponse(VersionSerializer(_with_structure(version)).data)

    @extend_schema(request=None, responses={201: VersionSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        self._coordinator()
        version = services.version_copy(version=self.get_object())
        return ApiResponse(VersionSerializer(_with_structure(version)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("against", int, required=True, description="The id of the version to compare with.")
        ],
        responses=inline_serializer(
            "VersionDiff",
            {
                "added": serializers.ListField(child=serializers.CharField()),
                "removed": serializers.ListField(child=serializers.CharField()),
                "changed": inline_serializer(
                    "VersionDiffChange",
                    {
                        "code": serializers.CharField(),
                        "differences": serializers.ListField(child=serializers.DictField()),
                    },
                    many=True,
                ),
            },
        ),
    )
    @may_answer(403)
    @action(detail=True)
    def diff(self, request, pk=None):
        self._coordinator()
        new = self.get_object()
        against = request.query_params.get("against", "")
        if not against.isdigit():
            raise ValidationError({"against": ["Give the id of the version to compare with: ?against=<id>."]})
        other = get_object_or_404(new.questionnaire.versions.all(), pk=against)
        diff = services.version_diff(old=other, new=new)
        return ApiResponse(
            {
                "added": [q.code for q in diff["added"]],
                "removed": [q.code for q in diff["removed"]],
                "changed": [{"code": c["code"], "differences": c["differences"]} for c in diff["changed"]],
            }
        )


class QuestionViewSet(viewsets.ModelViewSet):
    """Questions of draft versions; a published version refuses changes (400)."""

    serializer_class = QuestionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if not permissions.can_manage_questionnaires(self.request.user):
            return Question.objects.none()
        return Question.objects.select_related("theme", "condition_question").order_by(
            "version", "section__order", "order"
        )

    def _fields(self, data):
        fields = dict(data)
        section = get_object_or_404(Section, pk=fields.pop("section"))
        condition = fields.pop("condition_question", None)
        fields["condition_question"] = (
            get_object_or_404(Question, pk=condition, version_id=section.version_id) if condition else None
        )
        return section, fields

    @extend_schema(request=QuestionInputSerializer, responses={201: QuestionSerializer})
    @may_answer(404)
    def create(self, request, *args, **kwargs):
        if not permissions.can_manage_questionnaires(request.user):
            raise PermissionDenied
        payload = QuestionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        section, fields = self._fields(payload.validated_data)
        question = services.question_create(section=section, **fields)
        return ApiResponse(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        question = self.get_object()
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": ["Send the question's fields as a JSON object."]})
        payload = QuestionInputSerializer(
            data={
                **QuestionSerializer(question).data,
                "theme": question.theme.code if question.theme_id else None,
                "condition_question": question.condition_question_id,
                **request.data,
            }
        )
        payload.is_valid(raise_exception=True)
        section, fields = self._fields(payload.validated_data)
        question = services.question_update(question=question, section=section, **fields)
        return ApiResponse(QuestionSerializer(question).data)

    @may_answer(400)
    def destroy(self, request, *args, **kwargs):
        services.question_delete(question=self.get_object())
        return ApiResponse(status=status.HTTP_204_NO_CONTENT)


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
        )
        return ApiResponse(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)


class CampaignExportView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("shape", str, enum=["wide", "long"])],
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
        if shape not in ("wide", "long"):
            raise ValidationError({"shape": ["Choose wide or long."]})
        return exports.campaign_export_response(campaign=campaign, fmt=fmt, shape=shape)


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
        questions = services.version_questions(response.campaign.version_id)
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
        finding = services.finding_set_status(finding=self.get_object(), status=payload.validated_data["status"])
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
                    {"region": r.code, "name": r.name, "country": r.country_code, "scores": r.scores, "mean": r.mean}
                    for r in rows
                ],
            }
        )


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
    path("analytics/heatmap/", HeatmapView.as_view(), name="analytics-heatmap"),
]
