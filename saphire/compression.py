"""Compressed responses (brotli or gzip) for what carries no secret; static files stay with WhiteNoise.

BREACH recovers a secret from the compressed size of responses that also reflect what an attacker
sends. Responses to signed-in visitors (a session's user or an API token) carry their secrets beside
reflected input, so they are sent as they are. Anonymous pages carry only Django's CSRF token, which is
masked afresh on every response and so gives the attack nothing to converge on.

A page served from the page cache brings its compressed bodies, made once (see
saphire.page_cache.CachedPage). A cached page holding a visitor's token has only a gzip body, spliced
around the token; it is sent gzip even to clients that accept brotli, since a brotli stream cannot be
spliced and compressing the page again would cost more than the cache saves.
"""

import gzip

import brotli
from django.utils.cache import patch_vary_headers

COMPRESSED_TYPES = ("text/html", "application/json", "image/svg+xml", "text/csv", "application/problem+json")
MIN_LENGTH = 200
BROTLI_QUALITY = 5  # the best size per millisecond on a page of a few hundred KB
GZIP_LEVEL = 6


ENCODINGS = ("br", "gzip")  # in order of preference


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, GZIP_LEVEL, mtime=0)


def _compressible(request, response) -> bool:
    if response.streaming or response.has_header("Content-Encoding") or response.status_code in (204, 304):
        return False
    if "no-transform" in response.get("Cache-Control", ""):
        return False
    if response.get("Content-Type", "").split(";")[0].strip() not in COMPRESSED_TYPES:
        return False
    return not _signed_in(request)


def accepted_encodings(header: str) -> set[str]:
    """The codings `Accept-Encoding` accepts (`gzip;q=0` refuses gzip)."""
    accepted = set()
    for item in header.lower().split(","):
        name, _, params = item.partition(";")
        q = params.strip().removeprefix("q=")
        try:
            refused = params.strip().startswith("q=") and float(q) == 0
        except ValueError:
            refused = False
        if name.strip() and not refused:
            accepted.add(name.strip())
    return accepted


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool((user is not None and user.is_authenticated) or request.META.get("HTTP_AUTHORIZATION"))


def _encode(response, body: bytes, encoding: str) -> None:
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = encoding
    if response.has_header("ETag"):
        # A strong ETag names the uncompressed bytes; the compressed ones are only equivalent.
        response["ETag"] = "W/" + response["ETag"].removeprefix("W/")


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _compressible(request, response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        cached = getattr(response, "compressed", None)
        # Only if nothing has changed the body since the page cache made it.
        if cached is not None and len(response.content) == response.compressed_length:
            for encoding in ENCODINGS:
                if encoding in accepted and (body := cached(encoding)) is not None:
                    _encode(response, body, encoding)
                    return response
        if len(response.content) < MIN_LENGTH:
            return response
        for encoding in ENCODINGS:
            if encoding in accepted:
                _encode(response, compress(response.content, encoding), encoding)
                break
        return response
