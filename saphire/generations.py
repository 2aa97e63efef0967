"""Generation numbers of the kinds of content public pages show, and the guard around every cache call.

A service that changes one kind of content calls `content_changed(KIND)`; every cached page or fragment
that declared it (`depends_on`) is stale once the transaction commits. Numbers live in Redis, seeded with
the clock so that a flushed cache never brings an old number back, and each process re-reads them at
most once every `GENERATION_MAX_AGE` seconds. When Redis does not answer, `guarded` gives the default
and the cache is left alone for `OUTAGE_SECONDS`, so an outage costs one short timeout, not one per call.
"""

import logging
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

logger = logging.getLogger("saphire.page_cache")

GENERATION_MAX_AGE = 1.0
OUTAGE_SECONDS = 5.0

_outage_until = [0.0]


# Kinds of content a public page may show. A service that changes one calls `content_changed(KIND)`.
PAGES = "pages"  # every public page (an import, a deploy-time reset)
REGIONS = "regions"  # regions, their profiles and statistics, NUTS imports, population groups
ORGANISATIONS = "organisations"  # approved organisations and their links
SCORES = "scores"  # accepted answers, scores, campaigns, themes, findings
EVENTS = "events"  # events, their agenda, registrations (seats)
ROADMAP = "roadmap"  # the module library, published roadmaps, pilots
REPORTS = "reports"  # published reports and recommendations
EVERYTHING = (REGIONS, ORGANISATIONS, SCORES, EVENTS, ROADMAP, REPORTS)


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


class Counter:
    """The generation number of one kind of content, in Redis, re-read by each process at most once a second."""

    def __init__(self, name: str):
        self.name = name
        self.key = f"{name}:generation"
        self._read: list = [0, -GENERATION_MAX_AGE]  # value, when it was read

    def value(self) -> int | None:
        """The current generation, or None when the cache server does not answer."""
        now = time.monotonic()
        if now - self._read[1] >= GENERATION_MAX_AGE:
            # Seeded with the clock, so a flushed cache never brings back an old generation number.
            value = guarded(lambda: cache.get_or_set(self.key, time.time_ns, timeout=None))
            if value is None:
                return None
            self._read[:] = [value, now]
        return self._read[0]

    def changed(self) -> None:
        """Mark every page showing this kind of content stale once the current transaction commits."""

        def bump():
            def incr():
                try:
                    cache.incr(self.key)
                except ValueError:
                    cache.set(self.key, time.time_ns(), timeout=None)

            # With the cache down the change still succeeds; pages already cached expire on their own.
            guarded(incr)
            self.forget()

        transaction.on_commit(bump)

    def forget(self) -> None:
        self._read[1] = -GENERATION_MAX_AGE


_counters: dict[str, Counter] = {}


def counter(name: str) -> Counter:
    if name not in _counters:
        _counters[name] = Counter(name)
    return _counters[name]


def content_changed(*kinds: str) -> None:
    """Called by the services that change what public pages show: their pages are stale after the commit."""
    for kind in kinds:
        counter(kind).changed()


def generations(kinds: Iterable[str]) -> tuple[int, ...] | None:
    """The kinds' generations; those older than a second are re-read together, in one round trip."""
    wanted = [counter(kind) for kind in kinds]
    now = time.monotonic()
    stale = [each for each in wanted if now - each._read[1] >= GENERATION_MAX_AGE]
    if len(stale) > 1:
        found = guarded(lambda: cache.get_many([each.key for each in stale]))
        if found is None:
            return None
        for each in stale:
            if each.key in found:
                each._read[:] = [found[each.key], now]
    values = []
    for each in wanted:
        value = each.value()
        if value is None:
            return None
        values.append(value)
    return tuple(values)


def forget() -> None:
    """Drop this process's copies of the numbers and its outage note."""
    _outage_until[0] = 0.0
    for each in _counters.values():
        each.forget()
