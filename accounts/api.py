from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import services
from saphire import roles


class TokenObtainApi(ObtainAuthToken):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        username = serializers.CharField()
        email = serializers.EmailField()
        role = serializers.CharField()
        region_ids = serializers.ListField(child=serializers.IntegerField())
        language = serializers.CharField(help_text="Preferred language; empty: the browser's.")
        timezone = serializers.CharField(help_text="IANA time zone; empty: the portal's.")

    class PreferencesInputSerializer(serializers.Serializer):
        language = serializers.CharField(required=False, allow_blank=True, max_length=10)
        timezone = serializers.CharField(required=False, allow_blank=True, max_length=64)

    def _output(self, user):
        data = {
            "id": user.pk,
            "username": user.username,
            "email": user.email,
            "role": user.role,
            "region_ids": sorted(roles.official_region_ids(user)),
            "language": user.language,
            "timezone": user.timezone,
        }
        return self.OutputSerializer(data).data

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        return Response(self._output(request.user))

    @extend_schema(request=PreferencesInputSerializer, responses=OutputSerializer)
    def patch(self, request):
        """Change the language and/or time zone of the signed-in user."""
        payload = self.PreferencesInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.user_preferences_update(user=request.user, **payload.validated_data)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict)
        return Response(self._output(request.user))


def register(router: DefaultRouter) -> None:
    pass


urlpatterns = [
    path("auth/token/", TokenObtainApi.as_view(), name="api-token"),
    path("me/", MeApi.as_view(), name="api-me"),
]
