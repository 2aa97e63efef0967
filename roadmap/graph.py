"""The prerequisite graph of modules: cycle detection and order checks."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from roadmap.models import Module


def prerequisite_edges() -> dict[int, set[int]]:
    """module id -> ids of its prerequisites, for every module (one query)."""
    edges: dict[int, set[int]] = {}
    through = Module.prerequisites.through
    for from_id, to_id in through.objects.values_list("from_module_id", "to_module_id"):
        edges.setdefault(from_id, set()).add(to_id)
    return edges


def find_cycle(*, module_id: int, prerequisite_ids: Iterable[int], edges: dict[int, set[int]]) -> list[int] | None:
    """The path module -> ... -> module that giving `module_id` these prerequisites would close, if any."""
    graph = {**edges, module_id: set(prerequisite_ids)}
    # Depth-first search from the module along "requires" edges, remembering the path back.
    stack: list[tuple[int, list[int]]] = [(module_id, [module_id])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == module_id:
                return [*path, module_id]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def order_violations(
    *, placements: dict[int, tuple[int, int]], edges: dict[int, set[int]], codes: dict[int, str]
) -> list[str]:
    """Messages for every module placed at or before one of its prerequisites.

    `placements` maps module id -> (phase, order); a prerequisite absent from the roadmap is not a
    violation (the region may already have it), one placed later or alongside is.
    """
    messages = []
    for module_id, position in sorted(placements.items(), key=lambda kv: (kv[1], codes.get(kv[0], ""))):
        for prereq_id in sorted(edges.get(module_id, ())):
            prereq_position = placements.get(prereq_id)
            if prereq_position is not None and prereq_position >= position:
                messages.append(
                    _(
                        "%(module)s needs %(prereq)s first: place %(prereq)s in an earlier phase, "
                        "or before it in phase %(phase)s."
                    )
                    % {"module": codes[module_id], "prereq": codes[prereq_id], "phase": position[0]}
                )
    return messages
