from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from accounts import selectors, services, signin
from accounts.models import ApiToken
from saphire import roles

THROTTLED = OpenApiResponse(description="Too many failed sign-ins for this account or address; see Retry-After.")
BAD_TOKEN = OpenApiResponse(description="The token sent is wrong, expired or revoked (WWW-Authenticate: Token).")
ANONYMOUS = OpenApiResponse(description="No credentials were sent.")


class ApiTokenSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created", "expires", "last_used", "current"]
        read_only_fields = fields

    def get_current(self, token) -> bool:
        return token == self.context.get("current")


class TokenObtainSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class TokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.CharField(
        read_only=True, help_text=_("The key: send it as `Authorization: Token <key>`. Shown only once.")
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]
        read_only_fields = fields


class TokenApi(APIView):
    """Sign in for a new token (POST), or sign the token out (DELETE)."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        request=TokenObtainSerializer,
        responses={
            200: TokenCreatedSerializer,
            400: OpenApiResponse(description="Wrong credentials."),
            401: BAD_TOKEN,
            429: THROTTLED,
        },
        description="Each call makes a new token that expires; sign-in throttling is shared with the sign-in page.",
    )
    def post(self, request):
        data = self._valid(request)
        try:
            user = signin.signin_authenticate(
                request=request._request, username=data["username"], password=data["password"]
            )
        except signin.SignInThrottled as throttled:
            raise exceptions.Throttled(wait=throttled.retry_after)
        if user is None:
            raise exceptions.ValidationError({"non_field_errors": [_("Unable to sign in with these credentials.")]})
        token, key = services.api_token_create(user=user, name=data["name"])
        token.token = key
        return Response(TokenCreatedSerializer(token, context={"current": token}).data)

    @extend_schema(request=None, responses={204: None, 401: BAD_TOKEN, 403: ANONYMOUS})
    def delete(self, request):
        """Revoke the token this request was made with (nothing to revoke when signed in with a session)."""
        if isinstance(request.auth, ApiToken):
            services.api_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _valid(self, request) -> dict:
        serializer = TokenObtainSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class TokenListApi(APIView):
    """The signed-in user's tokens that still work (never their keys)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ApiTokenSerializer(many=True), 401: BAD_TOKEN, 403: ANONYMOUS})
    def get(self, request):
        tokens = selectors.api_token_list(user=request.user)
        return Response(ApiTokenSerializer(tokens, many=True, context={"current": request.auth}).data)


class TokenDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            204: None,
            401: BAD_TOKEN,
            403: ANONYMOUS,
            404: OpenApiResponse(description="Not one of your tokens."),
        },
    )
    def delete(self, request, pk: int):
        """Revoke one of your tokens."""
        token = get_object_or_404(selectors.api_token_owned(user=request.user), pk=pk)
        services.api_token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


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

    @extend_schema(responses={200: OutputSerializer, 401: BAD_TOKEN, 403: ANONYMOUS})
    def get(self, request):
        return Response(self._output(request.user))

    @extend_schema(
        request=PreferencesInputSerializer,
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="An unknown language or time zone."),
            401: BAD_TOKEN,
            403: ANONYMOUS,
        },
    )
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
    path("auth/token/", TokenApi.as_view(), name="api-token"),
    path("auth/tokens/", TokenListApi.as_view(), name="api-token-list"),
    path("auth/tokens/<int:pk>/", TokenDetailApi.as_view(), name="api-token-detail"),
    path("me/", MeApi.as_view(), name="api-me"),
]
