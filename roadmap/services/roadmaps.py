"""Region roadmaps: items, phases, milestones, snapshots and publication."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from notifications import kinds
from notifications import services as notifications
from regions.models import Region
from roadmap import caching, graph, search
from roadmap.models import (
    PHASES,
    Milestone,
    Module,
    RegionRoadmap,
    RoadmapEvent,
    RoadmapItem,
    RoadmapVersion,
)
from roadmap.services._common import StaleEdit, _bump_lock, _list_changes
from saphire.i18n import snapshot_texts

# Region roadmaps -----------------------------------------------------------------------


def roadmap_for_region(*, region: Region) -> RegionRoadmap:
    roadmap, _created = RegionRoadmap.objects.get_or_create(
        region=region, defaults={"title": _("Personalised medicine roadmap for %(name)s") % {"name": region.name}}
    )
    return roadmap


def _placements(roadmap: RegionRoadmap, override: dict[int, tuple[int, int]] | None = None) -> dict:
    placements = {m: (p, o) for m, p, o in roadmap.items.values_list("module_id", "phase", "order")}
    placements.update(override or {})
    return placements


def _check_order(placements: dict[int, tuple[int, int]], *, field: str = "phase") -> None:
    codes = dict(Module.objects.filter(pk__in=placements).values_list("pk", "code"))
    violations = graph.order_violations(placements=placements, edges=graph.prerequisite_edges(), codes=codes)
    if violations:
        raise ValidationError({field: violations})


def _event(roadmap: RegionRoadmap, *, kind: str, by: User | None, module: Module | None = None, **fields) -> None:
    RoadmapEvent.objects.create(
        roadmap=roadmap,
        kind=kind,
        module_code=module.code if module else "",
        module_title=module.title if module else "",
        at=timezone.now(),
        by=by,
        **fields,
    )


def _next_order(roadmap: RegionRoadmap, phase: int) -> int:
    last = roadmap.items.filter(phase=phase).order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def roadmap_item_add(
    *,
    roadmap: RegionRoadmap,
    module: Module,
    phase: int,
    lock_version: int | None,
    by: User | None,
    order: int | None = None,
    reasons: list[str] | None = None,
) -> RoadmapItem:
    if phase not in dict(PHASES):
        raise ValidationError({"phase": _("Choose a phase between 1 and %(n)s.") % {"n": len(PHASES)}})
    if module.status != Module.Status.PUBLISHED:
        raise ValidationError({"module": _("Only published modules can go into a roadmap.")})
    if roadmap.items.filter(module=module).exists():
        raise ValidationError({"module": _("%(code)s is already in this roadmap.") % {"code": module.code}})
    order = order or _next_order(roadmap, phase)
    _check_order(_placements(roadmap, {module.pk: (phase, order)}))
    _bump_lock(RegionRoadmap, roadmap.pk, lock_version, has_unpublished_changes=True, updated_at=timezone.now())
    item = RoadmapItem.objects.create(roadmap=roadmap, module=module, phase=phase, order=order, reasons=reasons or [])
    _event(roadmap, kind=RoadmapEvent.Kind.ADDED, by=by, module=module, note=dict(PHASES)[phase])
    return item


@transaction.atomic
def roadmap_item_move(
    *, item: RoadmapItem, phase: int, order: int, lock_version: int | None, by: User | None
) -> RoadmapItem:
    if phase not in dict(PHASES):
        raise ValidationError({"phase": _("Choose a phase between 1 and %(n)s.") % {"n": len(PHASES)}})
    _check_order(_placements(item.roadmap, {item.module_id: (phase, order)}))
    _bump_lock(RegionRoadmap, item.roadmap_id, lock_version, has_unpublished_changes=True, updated_at=timezone.now())
    RoadmapItem.objects.filter(pk=item.pk).update(phase=phase, order=order)
    item.phase, item.order = phase, order
    return item


@transaction.atomic
def roadmap_item_update(
    *, item: RoadmapItem, status: str, progress: int, notes: str, lock_version: int | None, by: User | None
) -> RoadmapItem:
    """Change status, progress and notes; a status change goes on the public timeline."""
    if status not in RoadmapItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage between 0 and 100.")})
    if status == RoadmapItem.Status.DONE:
        progress = 100
    _bump_lock(RegionRoadmap, item.roadmap_id, lock_version, updated_at=timezone.now())
    previous = RoadmapItem.objects.select_for_update().get(pk=item.pk)
    RoadmapItem.objects.filter(pk=item.pk).update(status=status, progress=progress, notes=notes)
    if previous.status != status:
        _event(
            item.roadmap,
            kind=RoadmapEvent.Kind.STATUS,
            by=by,
            module=item.module,
            from_status=previous.status,
            to_status=status,
        )
        caching.public_changed()
    item.status, item.progress, item.notes = status, progress, notes
    return item


@transaction.atomic
def roadmap_item_remove(*, item: RoadmapItem, lock_version: int | None, by: User | None) -> None:
    dependents = set(item.module.dependents.values_list("pk", flat=True))
    blocked = item.roadmap.items.filter(module_id__in=dependents).select_related("module")
    if blocked:
        raise ValidationError(
            _("%(code)s is a prerequisite of %(others)s in this roadmap: remove those first.")
            % {"code": item.module.code, "others": ", ".join(i.module.code for i in blocked)}
        )
    _bump_lock(RegionRoadmap, item.roadmap_id, lock_version, has_unpublished_changes=True, updated_at=timezone.now())
    _event(item.roadmap, kind=RoadmapEvent.Kind.REMOVED, by=by, module=item.module)
    item.delete()


@transaction.atomic
def milestone_add(*, item: RoadmapItem, title: str, due=None) -> Milestone:
    return Milestone.objects.create(item=item, title=title, due=due)


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, done: bool) -> Milestone:
    Milestone.objects.filter(pk=milestone.pk).update(done=done)
    milestone.done = done
    return milestone


def roadmap_snapshot(roadmap: RegionRoadmap) -> dict:
    items = (
        roadmap.items.select_related("module")
        .prefetch_related("milestones", "module__themes")
        .order_by("phase", "order", "id")
    )
    return {
        "title": roadmap.title,
        "vision": roadmap.vision,
        "start_year": roadmap.start_year,
        "phase_years": roadmap.phase_years,
        "items": [
            {
                "code": i.module.code,
                **snapshot_texts(i.module, "title"),
                "themes": [t.code for t in i.module.themes.all()],
                "phase": i.phase,
                "order": i.order,
                "status": i.status,
                "progress": i.progress,
                "notes": i.notes,
                "milestones": [
                    {"title": m.title, "due": m.due.isoformat() if m.due else "", "done": m.done}
                    for m in i.milestones.all()
                ],
            }
            for i in items
        ],
    }


def roadmap_changes(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return [_("First published version.")]
    changes = []
    old = {i["code"]: i for i in before["items"]}
    new = {i["code"]: i for i in after["items"]}
    changes += _list_changes(_("Modules"), list(old), list(new))
    phase_names = dict(PHASES)
    for code in sorted(old.keys() & new.keys()):
        if old[code]["phase"] != new[code]["phase"]:
            changes.append(
                _("%(code)s moved from %(old)s to %(new)s.")
                % {"code": code, "old": phase_names[old[code]["phase"]], "new": phase_names[new[code]["phase"]]}
            )
        if old[code]["status"] != new[code]["status"]:
            changes.append(
                _("%(code)s: %(old)s → %(new)s.")
                % {
                    "code": code,
                    "old": RoadmapItem.Status(old[code]["status"]).label,
                    "new": RoadmapItem.Status(new[code]["status"]).label,
                }
            )
    if before["vision"] != after["vision"]:
        changes.append(_("Vision rewritten."))
    if before["title"] != after["title"]:
        changes.append(_("Title changed to “%(title)s”.") % {"title": after["title"]})
    return changes or [_("Republished without changes.")]


@transaction.atomic
def roadmap_update(
    *, roadmap: RegionRoadmap, lock_version: int | None, title: str, vision: str, start_year: int, phase_years: int
) -> RegionRoadmap:
    _bump_lock(
        RegionRoadmap,
        roadmap.pk,
        lock_version,
        title=title,
        vision=vision,
        start_year=start_year,
        phase_years=phase_years,
        has_unpublished_changes=True,
        updated_at=timezone.now(),
    )
    roadmap.refresh_from_db()
    return roadmap


@transaction.atomic
def roadmap_publish(*, roadmap: RegionRoadmap, by: User | None, lock_version: int | None = None) -> RoadmapVersion:
    roadmap = RegionRoadmap.objects.select_for_update().select_related("region").get(pk=roadmap.pk)
    if lock_version is not None and roadmap.lock_version != lock_version:
        raise StaleEdit()
    if not roadmap.items.exists():
        raise ValidationError(_("Add at least one module before publishing."))
    _check_order(_placements(roadmap))
    snapshot = roadmap_snapshot(roadmap)
    current = roadmap.versions.filter(is_current=True).first()
    if current:
        RoadmapVersion.objects.filter(pk=current.pk).update(is_current=False)
    version = RoadmapVersion.objects.create(
        roadmap=roadmap,
        region=roadmap.region,
        number=(current.number + 1) if current else 1,
        title=roadmap.title,
        vision=roadmap.vision,
        module_codes=[i["code"] for i in snapshot["items"]],
        body=" ".join(
            " ".join([i["code"], *(i[key] for key in i if key == "title" or key.startswith("title_"))])
            for i in snapshot["items"]
        ),
        data=snapshot,
        changes=roadmap_changes(current.data if current else None, snapshot),
        published_at=timezone.now(),
        published_by=by,
    )
    RoadmapVersion.objects.filter(pk=version.pk).update(
        search_document=search.roadmap_document(region_code=roadmap.region.code, region_name=roadmap.region.name)
    )
    RegionRoadmap.objects.filter(pk=roadmap.pk).update(
        has_unpublished_changes=False, lock_version=F("lock_version") + 1
    )
    _event(roadmap, kind=RoadmapEvent.Kind.PUBLISHED, by=by, note=_("Version %(n)s") % {"n": version.number})
    notifications.notify_followers(roadmap.region, kinds.ROADMAP_PUBLISHED, about=version, actor=by)
    caching.public_changed()
    return version
