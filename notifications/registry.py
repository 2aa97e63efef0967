"""What can be followed: the apps above register their models here, with who may see an object.

Follow buttons and the follow API name a target by its key ("region", "module"...) and id; a target
that the person may not see is answered 404, as the object's own page would.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class Followable:
    key: str
    model: type[models.Model]
    # `visible(user) -> QuerySet` of the objects this person may see (and so follow).
    visible: Callable[[Any], models.QuerySet]


_by_key: dict[str, Followable] = {}


def register(key: str, model: type[models.Model], visible: Callable[[Any], models.QuerySet]) -> None:
    if key in _by_key:
        raise ImproperlyConfigured(f"Followable {key!r} registered twice.")
    _by_key[key] = Followable(key, model, visible)


def get(key: str) -> Followable | None:
    return _by_key.get(key)


def key_for(obj: models.Model) -> str | None:
    for followable in _by_key.values():
        if isinstance(obj, followable.model):
            return followable.key
    return None


def keys() -> list[str]:
    return list(_by_key)


def resolve(user, key: str, pk) -> models.Model | None:
    """The object `key`/`pk` names if this person may see it, else None."""
    followable = get(key)
    if followable is None:
        return None
    try:
        return followable.visible(user).filter(pk=pk).first()
    except (ValueError, TypeError):
        return None
