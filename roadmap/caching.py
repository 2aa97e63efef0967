"""Whole-page cache of the public roadmap pages for anonymous visitors, invalidated by publishing.

Every publication bumps a generation number in Redis; a cached page is served only if it was
cached in the current generation. Pages live in Redis (shared by every process) and, for the
hottest path, in a small per-process copy; each process re-reads the generation at most once a
second (at once in the process that published), so a publication reaches every visitor within a
second. The CSRF token of the language form is the only per-visitor part of an anonymous page: it
is cut out before caching and each visitor's own token is put back on the way out.
"""

import re
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

GENERATION_KEY = "roadmap:public-generation"
GENERATION_MAX_AGE = 1.0
SECONDS = 600
LOCAL_PAGES = 256
SENTINEL = "__ROADMAP_CSRF_TOKEN__"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,})"')

# Pages cached by an earlier release must not outlive a deploy that changed how they look.
RELEASE = max(
    int(path.stat().st_mtime)
    for folder in (settings.BASE_DIR / "templates", settings.BASE_DIR / "roadmap")
    for path in folder.rglob("*")
    if path.suffix in (".html", ".py")
)

_generation: list = [0, -GENERATION_MAX_AGE]  # value, when it was read
_pages: OrderedDict[str, tuple[int, str, float]] = OrderedDict()  # key -> generation, html, expiry


def public_generation() -> int:
    now = time.monotonic()
    if now - _generation[1] >= GENERATION_MAX_AGE:
        # Seeded with the clock, so a flushed cache never brings back an old generation number.
        _generation[:] = [cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None), now]
    return _generation[0]


def public_changed() -> None:
    """Mark every cached public page stale once the current transaction commits."""

    def bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
        _generation[1] = -GENERATION_MAX_AGE

    transaction.on_commit(bump)


def forget_local() -> None:
    """Drop this process's copies (tests flush Redis between cases; the copies must follow)."""
    _pages.clear()
    _generation[1] = -GENERATION_MAX_AGE


def _cacheable(request: HttpRequest) -> bool:
    # A session or flash messages make the page personal (e.g. "You have signed out").
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _remember(key: str, generation: int, html: str, seconds: int) -> None:
    _pages[key] = (generation, html, time.monotonic() + seconds)
    _pages.move_to_end(key)
    while len(_pages) > LOCAL_PAGES:
        _pages.popitem(last=False)


def _cached(key: str, generation: int, seconds: int) -> str | None:
    local = _pages.get(key)
    if local is not None and local[0] == generation and local[2] > time.monotonic():
        return local[1]
    shared = cache.get(key)
    if shared is not None and shared[0] == generation:
        _remember(key, generation, shared[1], seconds)
        return shared[1]
    return None


def public_page(view=None, *, seconds: int = SECONDS):
    """Decorator; `seconds` bounds how stale a page may get from changes other than publications."""
    if view is None:
        return lambda view: public_page(view, seconds=seconds)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = f"roadmap:html:{RELEASE}:{request.LANGUAGE_CODE}:{request.get_full_path()}"
        generation = public_generation()
        html = _cached(key, generation, seconds)
        if html is not None:
            return HttpResponse(html.replace(SENTINEL, get_token(request)))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            html = response.content.decode(response.charset)
            token = TOKEN.search(html)
            html = html.replace(token.group(1), SENTINEL) if token else html
            cache.set(key, (generation, html), seconds)
            _remember(key, generation, html, seconds)
        return response

    return wrapped
