"""Pages of the roadmap app, one module per area; the URL configuration imports them from here."""

from roadmap.views.builder import (
    builder,
    builder_add,
    item_move,
    item_remove,
    item_update,
    milestone_add,
    milestone_toggle,
    roadmap_publish,
    roadmap_settings,
)
from roadmap.views.library import (
    library,
    module_action_add,
    module_action_delete,
    module_edit,
    module_evidence_add,
    module_new,
    module_publish,
)
from roadmap.views.pilots import pilot_detail, pilot_edit, pilot_list
from roadmap.views.public import dependencies, home, module_detail, region_partners, region_roadmap

__all__ = [
    "builder",
    "builder_add",
    "dependencies",
    "home",
    "item_move",
    "item_remove",
    "item_update",
    "library",
    "milestone_add",
    "milestone_toggle",
    "module_action_add",
    "module_action_delete",
    "module_detail",
    "module_edit",
    "module_evidence_add",
    "module_new",
    "module_publish",
    "pilot_detail",
    "pilot_edit",
    "pilot_list",
    "region_partners",
    "region_roadmap",
    "roadmap_publish",
    "roadmap_settings",
]
