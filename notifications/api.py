from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from notifications import registry, selectors, services
from notifications.models import Follow, Notification


class FollowSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=[], help_text=_("What is followed: region, module, pilot, event..."))
    target_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    title = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Follow
        fields = ["id", "kind", "target_id", "title", "url", "created"]
        read_only_fields = ["id", "title", "url", "created"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = registry.keys()

    def to_representation(self, follow):
        target = follow.target
        return {
            "id": follow.pk,
            "kind": follow.key,
            "target_id": follow.target_id,
            "title": str(target) if target is not None else "",
            "url": target.get_absolute_url() if target is not None else "",
            "created": serializers.DateTimeField().to_representation(follow.created),
        }

    def get_title(self, follow) -> str:
        return ""

    def get_url(self, follow) -> str:
        return ""

    def validate(self, attrs):
        target = registry.resolve(self.context["request"].user, attrs["kind"], attrs["target_id"])
        if target is None:
            raise serializers.ValidationError({"target_id": [_("Nothing of this kind with this id that you can see.")]})
        attrs["target"] = target
        return attrs


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "title", "url", "actor", "created", "read_at"]
        read_only_fields = fields

    def get_message(self, notification) -> str:
        return notification.message(get_language())

    def get_title(self, notification) -> str:
        return str(notification.about) if notification.about is not None else ""

    def get_url(self, notification) -> str:
        return notification.link

    def get_actor(self, notification) -> str | None:
        actor = notification.actor
        return (actor.get_full_name() or actor.username) if actor else None


class FollowViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """What you follow. Create with `kind` and `target_id`; following twice keeps one follow."""

    permission_classes = [IsAuthenticated]
    serializer_class = FollowSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator, with no user
            return Follow.objects.none()
        return selectors.follow_list(user=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.with_targets(page if page is not None else queryset)

    def get_object(self):
        follow = super().get_object()
        return selectors.with_targets([follow])[0]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow = services.follow(request.user, serializer.validated_data["target"])
        follow = selectors.with_targets([follow])[0]
        return Response(self.get_serializer(follow).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        instance.delete()


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your notifications, newest first, in the language of the request."""

    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator, with no user
            return Notification.objects.none()
        return selectors.notification_list(user=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.attach_about(list(page if page is not None else queryset))

    @extend_schema(
        request=None, responses={200: NotificationSerializer, 404: OpenApiResponse(description="Not yours.")}
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification read."""
        notification = services.notification_mark_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses={200: OpenApiResponse(description='`{"marked": n}`')})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark all your notifications read."""
        return Response({"marked": services.notifications_mark_all_read(user=request.user)})


def register(router: DefaultRouter) -> None:
    router.register("follows", FollowViewSet, basename="follow")
    router.register("notifications", NotificationViewSet, basename="notification")


urlpatterns: list = []
