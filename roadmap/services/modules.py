"""Module curation: create, update, actions, evidence, snapshots and publication."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Theme
from roadmap import caching, graph, search
from roadmap.models import (
    FundingInstrument,
    Module,
    ModuleAction,
    ModuleEvidence,
    ModuleVersion,
)
from roadmap.services._common import _bump_lock, _check_translations, _list_changes
from saphire.i18n import localized_field_names, snapshot_texts, stored_values

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
