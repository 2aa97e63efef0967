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

Kinds of content (`REGIONS`, `SCORES`, `EVENTS`...) each have a generation counter of their own. A page
declares the kinds it shows (`depends_on`) and is stale as soon as one of them is bumped; the service
that changes a kind calls `content_changed(KIND)`, so a lower app's page (a region profile showing
events) is invalidated by a higher app's service without the lower app importing it.
"""

import hashlib
import logging
import re
import struct
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cache as cache_once
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from saphire import generations as generations_module
from saphire.compression import compress
from saphire.generations import (  # noqa: F401 (the names pages and services import from here)
    EVENTS,
    EVERYTHING,
    GENERATION_MAX_AGE,
    ORGANISATIONS,
    PAGES,
    REGIONS,
    REPORTS,
    ROADMAP,
    SCORES,
    content_changed,
    counter,
    generations,
    guarded,
)

logger = logging.getLogger(__name__)

LOCAL_PAGES = 256
MAX_VALUE_LENGTH = 64
PROJECT_APPS = ("accounts", "regions", "mapping", "workshops", "roadmap", "participation", "reports")
SENTINEL = "__PAGE_CSRF_TOKEN__"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,})"')

_local: OrderedDict[str, tuple[int, str, float]] = OrderedDict()  # key -> generation, html, expiry


class _Missing:
    pass


MISSING = _Missing()


def release_of(*folders: Path) -> int:
    """A number that changes with a template, module or translation in `folders`: a deploy never serves old pages."""
    return max(
        int(path.stat().st_mtime)
        for folder in folders
        for path in folder.rglob("*")
        if path.suffix in (".html", ".py", ".mo")
    )


@cache_once
def project_release() -> int:
    """`release_of` the project's templates, apps and translations, computed once per process on first use."""
    base = Path(settings.BASE_DIR)
    folders = [base / name for name in ("templates", "locale", "saphire", *PROJECT_APPS)]
    return release_of(*(folder for folder in folders if folder.is_dir()))


def forget_local() -> None:
    """Drop this process's copies and outage note (tests flush Redis between cases; the copies must follow)."""
    _local.clear()
    generations_module.forget()


def cacheable(request: HttpRequest) -> bool:
    # A session or flash messages make the page personal (e.g. "You have signed out").
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
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


class CachedPage:
    """A cached page, with its compressed forms made once, on demand.

    Most pages are the same bytes for every visitor: their gzip and brotli bodies are compressed once
    and kept. A page that still holds a visitor's CSRF token is split around it; each part is a raw
    deflate stream of its own, flushed to a byte boundary, so the parts and each visitor's token
    concatenate into one valid gzip body without compressing the page again.
    """

    __slots__ = ("generation", "expires", "parts", "_deflated", "_encoded")

    def __init__(self, generation, html: str, expires: float):
        self.generation = generation
        self.expires = expires
        self.parts = [part.encode() for part in html.split(SENTINEL)]
        self._deflated: list[bytes] | None = None
        self._encoded: dict[str, bytes] = {}

    @property
    def personal(self) -> bool:
        """Whether the page holds a visitor's CSRF token."""
        return len(self.parts) > 1

    def body(self, token: str = "") -> bytes:
        return token.encode().join(self.parts) if self.personal else self.parts[0]

    def compressed(self, encoding: str, token: str = "") -> bytes | None:
        """The body in `encoding` ("gzip" or "br"), or None when it cannot be made without compressing it again."""
        if self.personal:
            return self.gzip(token) if encoding == "gzip" else None
        if encoding not in self._encoded:
            self._encoded[encoding] = compress(self.parts[0], encoding)
        return self._encoded[encoding]

    def gzip(self, token: str) -> bytes:
        if self._deflated is None:
            self._deflated = [_deflate(part) for part in self.parts]
        token_bytes = token.encode()
        token_deflated = _stored(token_bytes)
        crc = zlib.crc32(self.parts[0])
        chunks = [GZIP_HEADER, self._deflated[0]]
        for part, deflated in zip(self.parts[1:], self._deflated[1:], strict=True):
            crc = zlib.crc32(part, zlib.crc32(token_bytes, crc))
            chunks += [token_deflated, deflated]
        size = sum(map(len, self.parts)) + len(token_bytes) * (len(self.parts) - 1)
        chunks += [FINAL_EMPTY_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
        return b"".join(chunks)


GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # no name, no time, unknown OS
FINAL_EMPTY_BLOCK = b"\x03\x00"  # a last, empty, fixed-Huffman deflate block


def _stored(data: bytes) -> bytes:
    """`data` as one uncompressed deflate block (a token does not compress; this costs no compressor)."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


class PageCache:
    """One family of cached pages (e.g. the public roadmap), stale when its own counter or a kind it shows changes."""

    def __init__(
        self, namespace: str, *, release: int | None = None, seconds: int = 600, depends_on: Iterable[str] = ()
    ):
        self.namespace = namespace
        self._release = release
        self.seconds = seconds
        self.kinds = tuple(dict.fromkeys((PAGES, namespace, *depends_on)))

    @property
    def release(self) -> int:
        return self._release if self._release is not None else project_release()

    # Generation -----------------------------------------------------------------------------

    def generation(self, depends_on: Iterable[str] = ()) -> tuple[int, ...] | None:
        """The generations of what the pages show, or None when the cache server does not answer."""
        return generations(dict.fromkeys((*self.kinds, *depends_on)))

    def changed(self) -> None:
        """Mark every page of this cache stale once the current transaction commits."""
        counter(self.namespace).changed()

    def forget(self) -> None:
        counter(self.namespace).forget()

    # Pages ----------------------------------------------------------------------------------

    def key(self, request: HttpRequest, query: QueryDict, variant: str = "") -> str:
        # Hashed: the key's length does not grow with what the visitor typed.
        address = f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}#{variant}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"{self.namespace}:html:{self.release}:{request.LANGUAGE_CODE}:{digest[:40]}"

    def _lookup(self, key: str, generation, seconds: int) -> CachedPage | None:
        local = _local.get(key)
        if local is not None and local.generation == generation and local.expires > time.monotonic():
            return local
        shared = guarded(lambda: cache.get(key, MISSING), MISSING)
        if not isinstance(shared, _Missing) and shared[0] == generation:
            return self._remember(key, generation, shared[1], seconds)
        return None

    def _store(self, key: str, generation, html: str, seconds: int, path: str) -> None:
        if not guarded(lambda: self._admit(key, path, seconds), False):
            return
        guarded(lambda: cache.set(key, (generation, html), seconds))
        self._remember(key, generation, html, seconds)

    def _admit(self, key: str, path: str, seconds: int) -> bool:
        """Whether `key` may be one of the cached variants of `path`: at most `settings.PAGE_CACHE_VARIANTS`.

        Declared parameters still take any value (`?page=9999`, `?country=x1`, ...): without a bound,
        a visitor could fill the cache with pages nobody else asks for and push real pages out. The
        variants of a path are a Redis set that expires with its pages; past the bound, new variants
        are rendered uncached until the set expires.
        """
        digest = hashlib.sha256(path.encode()).hexdigest()[:40]
        variants = cache.make_and_validate_key(f"{self.namespace}:variants:{self.release}:{digest}")
        client = cache._cache.get_client(variants, write=True)
        member = key.rsplit(":", 1)[-1]
        if client.sismember(variants, member):
            return True
        if client.scard(variants) >= settings.PAGE_CACHE_VARIANTS:
            return False
        pipeline = client.pipeline()
        pipeline.sadd(variants, member)
        pipeline.expire(variants, seconds)
        pipeline.execute()
        return True

    @staticmethod
    def _remember(key: str, generation, html: str, seconds: int) -> CachedPage:
        page = _local[key] = CachedPage(generation, html, time.monotonic() + seconds)
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)
        return page

    def page(
        self,
        view=None,
        *,
        vary_on: Iterable[str] = (),
        uncached_on: Iterable[str] = (),
        depends_on: Iterable[str] = (),
        variant: Callable[[HttpRequest], str] | None = None,
        seconds=None,
    ):
        """Decorator of a public view: cached for anonymous visitors, keyed on `vary_on` parameters only.

        `depends_on` names the kinds of content the page shows besides this cache's own; `variant(request)`
        returns what else the page varies on (a validated cookie), from a small set of values.
        `seconds` bounds how stale a page may get from changes that do not bump a generation.
        """
        if view is None:
            return lambda view: self.page(
                view, vary_on=vary_on, uncached_on=uncached_on, depends_on=depends_on, variant=variant, seconds=seconds
            )
        vary_on, uncached_on, depends_on = tuple(vary_on), tuple(uncached_on), tuple(depends_on)
        ttl = seconds or self.seconds

        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not cacheable(request):
                return view(request, *args, **kwargs)
            request.GET = allowed_query(request.GET, vary_on + uncached_on)
            # Links the page builds from its own address (the language form's `next`) must not carry the rest.
            request.META["QUERY_STRING"] = request.GET.urlencode()
            values = [value for _, values in request.GET.lists() for value in values]
            if any(name in request.GET for name in uncached_on) or any(len(v) > MAX_VALUE_LENGTH for v in values):
                return view(request, *args, **kwargs)
            generation = self.generation(depends_on)
            if generation is None:  # the cache is down: render, do not wait for it again
                return view(request, *args, **kwargs)
            key = self.key(request, request.GET, variant(request) if variant else "")
            cached = self._lookup(key, generation, ttl)
            if cached is not None:
                token = get_token(request) if cached.personal else ""
                response = HttpResponse(cached.body(token))
                # For saphire.compression: the same bytes, compressed without compressing the page again.
                response.compressed = lambda encoding: cached.compressed(encoding, token)
                response.compressed_length = len(response.content)
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                html = response.content.decode(response.charset)
                token = TOKEN.search(html)
                html = html.replace(token.group(1), SENTINEL) if token else html
                self._store(key, generation, html, ttl, request.path)
            return response

        wrapped.page_cache_vary_on = vary_on
        wrapped.page_cache_kinds = self.kinds + depends_on
        return wrapped


# Every public page outside the roadmap: each view names the kinds of content it shows.
PUBLIC = PageCache(PAGES, seconds=600)
public_page = PUBLIC.page


def cached_fragment(name: str, *parts, depends_on: Iterable[str], compute: Callable[[], object], seconds: int = 600):
    """`compute()`, kept in the cache under `name`, `parts`, the language and the generations of `depends_on`.

    For the expensive parts of pages that are the same for everyone who may see them (signed-in pages
    included): a service that bumps one of the kinds makes the next call compute again. `parts` must
    come from a small set of values (ids, checked codes), never from what a visitor typed. Computed
    every time with PAGE_CACHE off (to measure rendering) or the cache down.
    """
    generation = generations(depends_on) if settings.PAGE_CACHE else None
    if generation is None:
        return compute()
    data = "-".join(map(str, generation))
    key = f"fragment:{name}:{project_release()}:{get_language()}:{':'.join(map(str, parts))}:{data}"
    value = guarded(lambda: cache.get(key, MISSING), MISSING)
    if isinstance(value, _Missing):
        value = compute()
        guarded(lambda: cache.set(key, value, seconds))
    return value


def changes(*kinds: str):
    """Decorator of a service: once it has returned and its transaction commits, pages showing `kinds` are stale."""

    def decorate(service):
        @wraps(service)
        def wrapped(*args, **kwargs):
            result = service(*args, **kwargs)
            content_changed(*kinds)
            return result

        return wrapped

    return decorate
