"""The address a request came from, trusting X-Forwarded-For only as far as the configured proxies go."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind NUM_PROXIES proxies the address the outermost of them saw.

    Each proxy appends the address it received the request from, so only the last NUM_PROXIES entries
    were written by machines we trust; anything to their left came from the client and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.NUM_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]
