"""The public roadmap pages' cache (see saphire.page_cache), invalidated by every publication."""

from saphire.page_cache import REGIONS, ROADMAP, PageCache, forget_local

__all__ = ["forget_local", "public_changed", "public_page"]

# Region pages name their region; a renamed or re-imported region shows on them too.
PUBLIC = PageCache(ROADMAP, seconds=600, depends_on=(REGIONS,))

public_page = PUBLIC.page
public_changed = PUBLIC.changed
