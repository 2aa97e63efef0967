"""Writes of the roadmap app: module curation, region roadmaps, pilots."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Theme
from regions.models import Region
from roadmap import caching, graph, search
from roadmap.models import (
    PHASES,
    FundingInstrument,
    Milestone,
    Module,
    ModuleAction,
    ModuleEvidence,
    ModuleVersion,
    Pilot,
    PilotFunding,
    RegionRoadmap,
    RoadmapEvent,
    RoadmapItem,
    RoadmapVersion,
)
from saphire.i18n import default_language, localized_field_names, snapshot_texts, stored_values


class StaleEdit(Exception):
    """Someone else saved the object since this edit was loaded."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message or _("Someone else changed this since you opened it. Reload the page to see their changes.")
        )


def _check_translations(model, translations: dict) -> None:
    """Only other languages' columns of the model's translated fields (`title_fr`), never English."""
    allowed = {n for n in localized_field_names(model) if not n.endswith(f"_{default_language()}")}
    unknown = set(translations) - allowed
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))


def _bump_lock(model, pk: int, lock_version: int | None, **fields) -> None:
    """Save `fields` only if nobody saved since `lock_version` was read (None: do not check)."""
    qs = model.objects.filter(pk=pk)
    if lock_version is not None:
        qs = qs.filter(lock_version=lock_version)
    if not qs.update(lock_version=F("lock_version") + 1, **fields):
        raise StaleEdit()


# Modules -------------------------------------------------------------------------------


def _check_prerequisites(*, module: Module, prerequisites: Iterable[Module]) -> list[Module]:
    prerequisites = list(prerequisites)
    if any(p.pk == module.pk for p in prerequisites):
        raise ValidationError({"prerequisites": _("A module cannot be its own prerequisite.")})
    cycle = graph.find_cycle(
        module_id=module.pk, prerequisite_ids=[p.pk for p in prerequisites], edges=graph.prerequisite_edges()
    )
    if cycle:
        codes = dict(Module.objects.filter(pk__in=cycle).values_list("pk", "code"))
        path = " → ".join(codes[pk] for pk in cycle)
        raise ValidationError(
            {
                "prerequisites": _("These prerequisites would create a cycle: %(path)s. Remove one link.")
                % {"path": path}
            }
        )
    return prerequisites


@transaction.atomic
def module_create(
    *,
    code: str,
    title: str,
    summary: str,
    themes: Iterable[Theme] = (),
    prerequisites: Iterable[Module] = (),
    funding_instruments: Iterable[FundingInstrument] = (),
    typologies: list[str] | None = None,
    **translations: str,
) -> Module:
    """`translations`: the title and summary in other languages, by column (`title_fr`, `summary_fr`...)."""
    _check_translations(Module, translations)
    code = code.strip().upper()
    if Module.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A module with the code %(code)s exists already.") % {"code": code}})
    module = Module.objects.create(
        code=code,
        typologies=typologies or [],
        **stored_values(Module, {"title": title, "summary": summary, **translations}),
    )
    module.themes.set(themes)
    module.prerequisites.set(_check_prerequisites(module=module, prerequisites=prerequisites))
    module.funding_instruments.set(funding_instruments)
    return module


@transaction.atomic
def module_update(
    *,
    module: Module,
    lock_version: int | None,
    title: str,
    summary: str,
    themes: Iterable[Theme],
    prerequisites: Iterable[Module],
    funding_instruments: Iterable[FundingInstrument],
    typologies: list[str] | None = None,
    **translations: str,
) -> Module:
    """Edit the working copy; the public keeps seeing the last published version until the next publish."""
    _check_translations(Module, translations)
    prerequisites = _check_prerequisites(module=module, prerequisites=prerequisites)
    _bump_lock(
        Module,
        module.pk,
        lock_version,
        **stored_values(Module, {"title": title, "summary": summary, **translations}),
        typologies=typologies or [],
        has_unpublished_changes=True,
        updated_at=timezone.now(),
    )
    module.themes.set(themes)
    module.prerequisites.set(prerequisites)
    module.funding_instruments.set(funding_instruments)
    module.refresh_from_db()
    return module


def _module_touch(module: Module) -> None:
    Module.objects.filter(pk=module.pk).update(
        has_unpublished_changes=True, lock_version=F("lock_version") + 1, updated_at=timezone.now()
    )


@transaction.atomic
def module_action_add(
    *,
    module: Module,
    title: str,
    actor_type: str,
    horizon: str,
    cost_level: str,
    description: str = "",
    kpi: str = "",
    kpi_target: str = "",
    **translations: str,
) -> ModuleAction:
    """`translations`: texts in other languages by column (`title_fr`, `kpi_fr`...)."""
    _check_translations(ModuleAction, translations)
    order = module.actions.count() + 1
    action = ModuleAction.objects.create(
        module=module,
        order=order,
        actor_type=actor_type,
        horizon=horizon,
        cost_level=cost_level,
        **stored_values(
            ModuleAction,
            {"title": title, "description": description, "kpi": kpi, "kpi_target": kpi_target, **translations},
        ),
    )
    _module_touch(module)
    return action


@transaction.atomic
def module_action_delete(*, action: ModuleAction) -> None:
    module = action.module
    action.delete()
    _module_touch(module)


@transaction.atomic
def module_evidence_add(*, module: Module, title: str, url: str = "", finding=None) -> ModuleEvidence:
    evidence = ModuleEvidence.objects.create(module=module, title=title, url=url, finding=finding)
    _module_touch(module)
    return evidence


def module_snapshot(module: Module) -> dict:
    """The public content of a module as it stands now (a few queries, for publishing)."""
    actions = [
        {
            **snapshot_texts(a, "title", "description", "kpi", "kpi_target"),
            "actor_type": a.actor_type,
            "horizon": a.horizon,
            "cost_level": a.cost_level,
        }
        for a in module.actions.all()
    ]
    return {
        **snapshot_texts(module, "title", "summary"),
        "themes": [{"code": t.code, **snapshot_texts(t, "name")} for t in module.themes.all()],
        "prerequisites": [
            {"code": p.code, **snapshot_texts(p, "title")} for p in module.prerequisites.order_by("code")
        ],
        "funding": [
            {"code": f.code, **snapshot_texts(f, "name"), "level": f.level}
            for f in module.funding_instruments.order_by("name")
        ],
        "evidence": [{"title": e.title, "url": e.url} for e in module.evidence.all()],
        "actions": actions,
        "typologies": list(module.typologies),
    }


def _list_changes(label: str, before: list[str], after: list[str]) -> list[str]:
    changes = []
    added = [x for x in after if x not in before]
    removed = [x for x in before if x not in after]
    if added:
        changes.append(_("%(what)s added: %(items)s") % {"what": label, "items": ", ".join(added)})
    if removed:
        changes.append(_("%(what)s removed: %(items)s") % {"what": label, "items": ", ".join(removed)})
    return changes


def module_changes(before: dict | None, after: dict) -> list[str]:
    """Human-readable differences between two module snapshots."""
    if before is None:
        return [_("First published version.")]
    changes = []
    if before["title"] != after["title"]:
        changes.append(
            _("Title changed from “%(old)s” to “%(new)s”.") % {"old": before["title"], "new": after["title"]}
        )
    if before["summary"] != after["summary"]:
        changes.append(_("Summary rewritten."))
    changes += _list_changes(_("Themes"), [t["code"] for t in before["themes"]], [t["code"] for t in after["themes"]])
    changes += _list_changes(
        _("Prerequisites"), [p["code"] for p in before["prerequisites"]], [p["code"] for p in after["prerequisites"]]
    )
    changes += _list_changes(
        _("Funding instruments"), [f["name"] for f in before["funding"]], [f["name"] for f in after["funding"]]
    )
    before_actions = {a["title"]: a for a in before["actions"]}
    after_actions = {a["title"]: a for a in after["actions"]}
    changes += _list_changes(_("Actions"), list(before_actions), list(after_actions))
    for title in after_actions.keys() & before_actions.keys():
        if after_actions[title] != before_actions[title]:
            changes.append(_("Action “%(title)s” revised.") % {"title": title})
    changes += _list_changes(
        _("Evidence"), [e["title"] for e in before["evidence"]], [e["title"] for e in after["evidence"]]
    )
    return changes or [_("Republished without changes.")]


@transaction.atomic
def module_publish(*, module: Module, by: User | None) -> ModuleVersion:
    module = Module.objects.select_for_update().get(pk=module.pk)
    snapshot = module_snapshot(module)
    current = module.versions.filter(is_current=True).first()
    changes = module_changes(current.data if current else None, snapshot)
    if current:
        ModuleVersion.objects.filter(pk=current.pk).update(is_current=False)
    actions = snapshot["actions"]
    version = ModuleVersion.objects.create(
        module=module,
        number=(current.number + 1) if current else 1,
        code=module.code,
        **{name: getattr(module, name) for name in localized_field_names(ModuleVersion)},
        theme_codes=[t["code"] for t in snapshot["themes"]],
        horizons=sorted({a["horizon"] for a in actions}),
        cost_levels=sorted({a["cost_level"] for a in actions}),
        prerequisite_codes=[p["code"] for p in snapshot["prerequisites"]],
        # Every language's action texts, so a search in any language finds the module by them.
        body="\n".join(
            " ".join(text for key, text in a.items() if key.split("_")[0] in ("title", "description", "kpi"))
            for a in actions
        ),
        data=snapshot,
        changes=changes,
        published_at=timezone.now(),
        published_by=by,
    )
    ModuleVersion.objects.filter(pk=version.pk).update(search_document=search.module_document())
    Module.objects.filter(pk=module.pk).update(status=Module.Status.PUBLISHED, has_unpublished_changes=False)
    caching.public_changed()
    return version


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
    caching.public_changed()
    return version


# Pilots --------------------------------------------------------------------------------


def _link_organisations(pilot: Pilot, regions: list[Region]) -> None:
    """Match the lead and partner names to approved organisations of the pilot's regions (case-insensitive)."""
    from regions.models import Organisation

    partner_names = [line.strip() for line in pilot.partner_names.splitlines() if line.strip()]
    wanted = {name.lower() for name in [pilot.lead_name, *partner_names] if name}
    registered = {
        org.name.lower(): org
        for org in Organisation.objects.annotate(lower_name=Lower("name")).filter(
            region__in=regions, status=Organisation.Status.APPROVED, lower_name__in=wanted
        )
    }
    lead = registered.get(pilot.lead_name.lower()) if pilot.lead_name else None
    Pilot.objects.filter(pk=pilot.pk).update(lead_organisation=lead)
    pilot.lead_organisation = lead
    pilot.partner_organisations.set([registered[n.lower()] for n in partner_names if n.lower() in registered])


@transaction.atomic
def pilot_save(
    *,
    pilot: Pilot | None = None,
    slug: str,
    title: str,
    summary: str,
    regions: Iterable[Region],
    modules: Iterable[Module] = (),
    lead_name: str = "",
    partner_names: str = "",
    budget: Decimal | None = None,
    start_date=None,
    end_date=None,
    status: str = Pilot.Status.DRAFT,
    funding: Iterable[tuple[FundingInstrument, Decimal]] = (),
) -> Pilot:
    """Create or replace a pilot; funding lines are replaced as a whole."""
    regions = list(regions)
    if not regions:
        raise ValidationError({"regions": _("A pilot involves at least one region.")})
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    funding = list(funding)
    if budget is not None and funding and sum(amount for _i, amount in funding) > budget:
        raise ValidationError({"budget": _("The funding lines add up to more than the budget.")})
    fields = {
        "slug": slug,
        "title": title,
        "summary": summary,
        "lead_name": lead_name,
        "partner_names": partner_names,
        "budget": budget,
        "start_date": start_date,
        "end_date": end_date,
        "status": status,
    }
    if pilot is None:
        pilot, _created = Pilot.objects.update_or_create(slug=slug, defaults=fields)
    else:
        for name, value in fields.items():
            setattr(pilot, name, value)
        pilot.save()
    pilot.regions.set(regions)
    pilot.modules.set(modules)
    _link_organisations(pilot, regions)
    pilot.funding.all().delete()
    PilotFunding.objects.bulk_create(
        [PilotFunding(pilot=pilot, instrument=instrument, amount=amount) for instrument, amount in funding]
    )
    caching.public_changed()
    return pilot
