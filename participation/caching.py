"""The public participation pages' cache (see saphire.page_cache), bumped by the services that change them."""

from saphire.page_cache import REGIONS, ROADMAP, PageCache

# Consultations and best practices name regions and modules.
PUBLIC = PageCache("participation", seconds=600, depends_on=(REGIONS, ROADMAP))

public_page = PUBLIC.page
public_changed = PUBLIC.changed
