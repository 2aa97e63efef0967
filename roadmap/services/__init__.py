"""Writes of the roadmap app, one module per area: module curation, region roadmaps, pilots."""

from roadmap.services._common import StaleEdit
from roadmap.services.modules import (
    module_action_add,
    module_action_delete,
    module_changes,
    module_create,
    module_evidence_add,
    module_publish,
    module_snapshot,
    module_update,
)
from roadmap.services.pilots import pilot_save
from roadmap.services.roadmaps import (
    milestone_add,
    milestone_set_done,
    roadmap_changes,
    roadmap_for_region,
    roadmap_item_add,
    roadmap_item_move,
    roadmap_item_remove,
    roadmap_item_update,
    roadmap_publish,
    roadmap_snapshot,
    roadmap_update,
)

__all__ = [
    "StaleEdit",
    "milestone_add",
    "milestone_set_done",
    "module_action_add",
    "module_action_delete",
    "module_changes",
    "module_create",
    "module_evidence_add",
    "module_publish",
    "module_snapshot",
    "module_update",
    "pilot_save",
    "roadmap_changes",
    "roadmap_for_region",
    "roadmap_item_add",
    "roadmap_item_move",
    "roadmap_item_remove",
    "roadmap_item_update",
    "roadmap_publish",
    "roadmap_snapshot",
    "roadmap_update",
]
