"""The public roadmap pages' cache (see saphire.page_cache), invalidated by every publication."""

from django.conf import settings

from saphire.page_cache import PageCache, forget_local, release_of

__all__ = ["forget_local", "public_changed", "public_page"]

# Pages cached by an earlier release must not outlive a deploy that changed how they look.
PUBLIC = PageCache(
    "roadmap", release=release_of(settings.BASE_DIR / "templates", settings.BASE_DIR / "roadmap"), seconds=600
)

public_page = PUBLIC.page
public_changed = PUBLIC.changed
