from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts import selectors, services


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` with the portal's expiring, revocable tokens (accounts.ApiToken).

    A wrong, expired, idle or revoked token is a 401 with `WWW-Authenticate: Token`
    (saphire.api_errors turns every AuthenticationFailed into one)."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = selectors.api_token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        services.api_token_touch(token=token)
        return token.user, token
