"""The API of consultations: comments and endorsements, read by anyone, written by signed-in users."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from participation import permissions, selectors, services
from participation.models import Comment, Consultation, Endorsement
from participation.throttle import RateLimited
from saphire.schema import may_answer


class ConsultationOutputSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    status = serializers.CharField(read_only=True)
    items = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = ["id", "region", "title", "introduction", "start_date", "end_date", "status", "items"]

    def get_items(self, obj) -> list[str]:
        return obj.item_codes()


class CommentOutputSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "consultation",
            "item_code",
            "parent",
            "author",
            "body",
            "is_region_answer",
            "hidden_reason",
            "created_at",
        ]

    def get_author(self, obj) -> str:
        if obj.author is None:
            return ""
        return obj.author.get_full_name() or obj.author.get_username()

    def get_body(self, obj) -> str:
        # A hidden comment keeps its place in the thread; only the moderator's reason is shown.
        return "" if obj.is_hidden else obj.body


class CommentInputSerializer(serializers.Serializer):
    consultation = serializers.PrimaryKeyRelatedField(queryset=Consultation.objects.all())
    item_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    parent = serializers.PrimaryKeyRelatedField(queryset=Comment.objects.all(), required=False, allow_null=True)
    body = serializers.CharField(max_length=5000)
    as_region_answer = serializers.BooleanField(required=False, default=False)


class EndorsementSerializer(serializers.ModelSerializer):
    consultation = serializers.PrimaryKeyRelatedField(queryset=Consultation.objects.all())
    item_code = serializers.CharField(max_length=20)

    class Meta:
        model = Endorsement
        fields = ["id", "consultation", "item_code", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators: list = []


def _service_call(call):
    """A service's refusal as a 400 with field messages (429 when over the rate limit), never a 500."""
    try:
        return call()
    except RateLimited as error:
        raise Throttled(wait=settings.PARTICIPATION_RATE_WINDOW, detail=" ".join(error.messages)) from None
    except DjangoValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        ) from None


class ConsultationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ConsultationOutputSerializer
    queryset = Consultation.objects.select_related("region").order_by("-start_date", "-id")


class CommentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentOutputSerializer
    filterset_fields = ["consultation", "item_code"]

    def get_queryset(self):
        return selectors.comments_visible().order_by("consultation_id", "created_at", "id")

    @extend_schema(request=CommentInputSerializer, responses={201: CommentOutputSerializer})
    @may_answer(400, 403, 429)
    def create(self, request, *args, **kwargs):
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        consultation = values["consultation"]
        if not permissions.can_take_part(request.user, consultation):
            raise PermissionDenied()
        comment = _service_call(
            lambda: services.comment_create(
                consultation=consultation,
                author=request.user,
                body=values["body"],
                item_code=values["item_code"],
                parent=values.get("parent"),
                as_region_answer=values["as_region_answer"],
            )
        )
        return Response(CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)


class EndorsementViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = EndorsementSerializer
    filterset_fields = ["consultation", "item_code"]
    queryset = Endorsement.objects.order_by("consultation_id", "item_code", "id")

    @may_answer(400, 403, 429)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        consultation = serializer.validated_data["consultation"]
        if not permissions.can_take_part(self.request.user, consultation):
            raise PermissionDenied()
        serializer.instance = _service_call(
            lambda: services.endorsement_create(
                consultation=consultation, item_code=serializer.validated_data["item_code"], user=self.request.user
            )
        )


def register(router: DefaultRouter) -> None:
    router.register("consultations", ConsultationViewSet, basename="consultation")
    router.register("comments", CommentViewSet, basename="comment")
    router.register("endorsements", EndorsementViewSet, basename="endorsement")


urlpatterns: list = []
