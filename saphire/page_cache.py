"""Whole-page cache for anonymous visitors: which requests make keys, and pages that survive a dead cache.

A cached view declares the query parameters its page varies on (`vary_on`); every other parameter is
dropped before the key is built *and* before the view runs, so `?utm=1` is the same page, served from
the same key, and a visitor cannot mint keys by inventing parameters. Free-text parameters (a search)
are declared in `uncached_on`: pages carrying one are rendered every time rather than cached, since
their values are a long tail anyone can extend. Overlong values are rendered uncached for the same
reason.

Every cache call is guarded: when Redis does not answer, the page is rendered uncached, and for
`OUTAGE_SECONDS` afterwards the cache is not asked at all, so an outage costs one short timeout (see
CACHES' socket timeouts in settings), not one per request.

Each `PageCache` has a generation number in Redis: bumping it (after a publication) makes every page
of that cache stale at once. Hot pages also live in a small per-process copy; each process re-reads the
generation at most once a second. The CSRF token of the language form is the only per-visitor part of
an anonymous page: it is cut out before caching and each visitor's own token is put back on the way out.
"""

import hashlib
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_MAX_AGE = 1.0
OUTAGE_SECONDS = 5.0
LOCAL_PAGES = 256
MAX_VALUE_LENGTH = 64
SENTINEL = "__PAGE_CSRF_TOKEN__"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,})"')

_outage_until = [0.0]
_local: OrderedDict[str, tuple[int, str, float]] = OrderedDict()  # key -> generation, html, expiry


class _Missing:
    pass


MISSING = _Missing()


def guarded(operation: Callable, default=None):
    """`operation()`, or `default` when the cache server does not answer (then skip it for a while)."""
    if time.monotonic() < _outage_until[0]:
        return default
    try:
        return operation()
    except (RedisError, OSError) as exc:
        _outage_until[0] = time.monotonic() + OUTAGE_SECONDS
        logger.warning("page cache unavailable, pages are rendered uncached: %s", exc.__class__.__name__)
        return default


def release_of(*folders: Path) -> int:
    """A number that changes when a template or module in `folders` does, so a deploy never serves old pages."""
    return max(
        int(path.stat().st_mtime) for folder in folders for path in folder.rglob("*") if path.suffix in (".html", ".py")
    )


def forget_local() -> None:
    """Drop this process's copies and outage note (tests flush Redis between cases; the copies must follow)."""
    _local.clear()
    _outage_until[0] = 0.0
    for page_cache in PageCache.instances:
        page_cache.forget()


def cacheable(request: HttpRequest) -> bool:
    # A session or flash messages make the page personal (e.g. "You have signed out").
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def allowed_query(query: QueryDict, vary_on: Iterable[str]) -> QueryDict:
    """`query` with only the parameters in `vary_on`, in a fixed order."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(vary_on)):
        values = [value for value in query.getlist(name) if value != ""]
        if values:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


class PageCache:
    """One family of cached pages (e.g. the public roadmap), invalidated together."""

    instances: list["PageCache"] = []

    def __init__(self, namespace: str, *, release: int, seconds: int = 600):
        self.namespace = namespace
        self.release = release
        self.seconds = seconds
        self.generation_key = f"{namespace}:generation"
        self._generation: list = [0, -GENERATION_MAX_AGE]  # value, when it was read
        PageCache.instances.append(self)

    # Generation -----------------------------------------------------------------------------

    def generation(self) -> int | None:
        """The current generation, or None when the cache server does not answer."""
        now = time.monotonic()
        if now - self._generation[1] >= GENERATION_MAX_AGE:
            # Seeded with the clock, so a flushed cache never brings back an old generation number.
            value = guarded(lambda: cache.get_or_set(self.generation_key, time.time_ns, timeout=None))
            if value is None:
                return None
            self._generation[:] = [value, now]
        return self._generation[0]

    def changed(self) -> None:
        """Mark every page of this cache stale once the current transaction commits."""

        def bump():
            def incr():
                try:
                    cache.incr(self.generation_key)
                except ValueError:
                    cache.set(self.generation_key, time.time_ns(), timeout=None)

            # With the cache down the publication still succeeds; pages already cached expire on their own.
            guarded(incr)
            self._generation[1] = -GENERATION_MAX_AGE

        transaction.on_commit(bump)

    def forget(self) -> None:
        self._generation[1] = -GENERATION_MAX_AGE

    # Pages ----------------------------------------------------------------------------------

    def key(self, request: HttpRequest, query: QueryDict) -> str:
        # Hashed: the key's length does not grow with what the visitor typed.
        digest = hashlib.sha256(f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}".encode()).hexdigest()
        return f"{self.namespace}:html:{self.release}:{request.LANGUAGE_CODE}:{digest[:40]}"

    def _lookup(self, key: str, generation: int, seconds: int) -> str | None:
        local = _local.get(key)
        if local is not None and local[0] == generation and local[2] > time.monotonic():
            return local[1]
        shared = guarded(lambda: cache.get(key, MISSING), MISSING)
        if not isinstance(shared, _Missing) and shared[0] == generation:
            self._remember(key, generation, shared[1], seconds)
            return shared[1]
        return None

    def _store(self, key: str, generation: int, html: str, seconds: int) -> None:
        guarded(lambda: cache.set(key, (generation, html), seconds))
        self._remember(key, generation, html, seconds)

    @staticmethod
    def _remember(key: str, generation: int, html: str, seconds: int) -> None:
        _local[key] = (generation, html, time.monotonic() + seconds)
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)

    def page(self, view=None, *, vary_on: Iterable[str] = (), uncached_on: Iterable[str] = (), seconds=None):
        """Decorator of a public view: cached for anonymous visitors, keyed on `vary_on` parameters only.

        `seconds` bounds how stale a page may get from changes that do not bump the generation.
        """
        if view is None:
            return lambda view: self.page(view, vary_on=vary_on, uncached_on=uncached_on, seconds=seconds)
        vary_on, uncached_on = tuple(vary_on), tuple(uncached_on)
        ttl = seconds or self.seconds

        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not cacheable(request):
                return view(request, *args, **kwargs)
            request.GET = allowed_query(request.GET, vary_on + uncached_on)
            # Links the page builds from its own address (the language form's `next`) must not carry the rest.
            request.META["QUERY_STRING"] = request.GET.urlencode()
            values = [value for _, values in request.GET.lists() for value in values]
            if any(request.GET.get(name) for name in uncached_on) or any(len(v) > MAX_VALUE_LENGTH for v in values):
                return view(request, *args, **kwargs)
            generation = self.generation()
            if generation is None:  # the cache is down: render, do not wait for it again
                return view(request, *args, **kwargs)
            key = self.key(request, request.GET)
            html = self._lookup(key, generation, ttl)
            if html is not None:
                return HttpResponse(html.replace(SENTINEL, get_token(request)))
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                html = response.content.decode(response.charset)
                token = TOKEN.search(html)
                html = html.replace(token.group(1), SENTINEL) if token else html
                self._store(key, generation, html, ttl)
            return response

        wrapped.page_cache_vary_on = vary_on
        return wrapped
