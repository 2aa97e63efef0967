"""Validators shared by the organisation model, its form and its API serializer."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# RFC 3986: unreserved and reserved characters, and percent-encoded octets; nothing else.
_RFC3986 = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_WEB_URL = URLValidator(schemes=["http", "https"])


def validate_web_url(value: str) -> None:
    """An http(s) address made only of the characters RFC 3986 allows. Django's URLValidator lets quotes
    and angle brackets through in the path (`https://x.example/"><script>`); these never belong in a
    link that the portal shows to everyone."""
    if not _RFC3986.fullmatch(value):
        raise ValidationError(
            _(
                "Enter a web address made of the characters allowed in addresses only (no spaces, quotes or "
                "angle brackets; write accented domain names in their xn-- form)."
            ),
            code="invalid_characters",
        )
    _WEB_URL(value)
