"""What the areas share: stale-edit detection, the translated columns a write may set, change lists."""

from django.db.models import F
from django.utils.translation import gettext as _

from saphire.i18n import default_language, localized_field_names


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


def _list_changes(label: str, before: list[str], after: list[str]) -> list[str]:
    changes = []
    added = [x for x in after if x not in before]
    removed = [x for x in before if x not in after]
    if added:
        changes.append(_("%(what)s added: %(items)s") % {"what": label, "items": ", ".join(added)})
    if removed:
        changes.append(_("%(what)s removed: %(items)s") % {"what": label, "items": ", ".join(removed)})
    return changes
