"""Themes, questionnaires, their versions and questions."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response as ApiResponse

from mapping import logic, permissions, selectors, services
from mapping.models import Question, Section
from mapping.serializers import (
    QuestionInputSerializer,
    QuestionnaireSerializer,
    QuestionSerializer,
    ThemeSerializer,
    VersionSerializer,
)
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
        .objects.prefetch_related(Prefetch("sections__questions", queryset=Question.objects.select_related("theme")))
        .get(pk=version.pk)
    )
    return version


class VersionViewSet(mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Versions; DELETE removes a draft (a published version answers 400)."""

    serializer_class = VersionSerializer

    def get_queryset(self):
        return (
            selectors.version_list(user=self.request.user)
            .prefetch_related(Prefetch("sections__questions", queryset=Question.objects.select_related("theme")))
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

    @extend_schema(request=None, responses={201: VersionSerializer, 200: VersionSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """A new draft (201), or the questionnaire's existing draft (200): there is at most one."""
        self._coordinator()
        source = self.get_object()
        before = source.questionnaire.versions.count()
        version = services.version_copy(version=source)
        created = source.questionnaire.versions.count() > before
        return ApiResponse(
            VersionSerializer(_with_structure(version)).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @may_answer(400)
    def destroy(self, request, *args, **kwargs):
        self._coordinator()
        services.version_delete(version=self.get_object())
        return ApiResponse(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses=inline_serializer(
            "LogicCheck",
            {
                "ok": serializers.BooleanField(),
                "errors": serializers.ListField(child=serializers.DictField()),
                "warnings": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    @may_answer(403)
    @action(detail=True)
    def check(self, request, pk=None):
        """The logic check publishing runs: errors block it, warnings do not."""
        self._coordinator()
        return ApiResponse(logic.version_check(version=self.get_object()).as_dict())

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
        return Question.objects.select_related("theme").order_by("version", "section__order", "order")

    def _fields(self, data):
        fields = dict(data)
        section = get_object_or_404(Section, pk=fields.pop("section"))
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
