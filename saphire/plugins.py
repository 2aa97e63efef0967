"""The points where an app adds to pages and surfaces that a lower app owns.

The apps form one chain (saphire -> accounts -> regions -> mapping -> workshops -> roadmap -> reports,
enforced by import-linter). A lower app never imports a higher one: the dashboard (accounts), the region
profile and the map of Europe (regions), the API router and the demo loader read this registry
instead, and each app registers its own parts in `AppConfig.ready()`. Django calls ready() in
INSTALLED_APPS order, which is the chain's order, so every point lists its entries bottom-up.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class PluginPoint(Generic[T]):
    """Entries keyed by the app that registered them, in registration order."""

    def __init__(self, name: str):
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, app_label: str, entry: T) -> T:
        # Twice means two apps claim one label or ready() ran twice: either would double a page's parts.
        if app_label in self._entries:
            raise ImproperlyConfigured(f"{app_label} registered {self.name} twice.")
        self._entries[app_label] = entry
        return entry

    def unregister(self, app_label: str) -> None:
        del self._entries[app_label]

    def app_labels(self) -> list[str]:
        return list(self._entries)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class ApiRoutes:
    """`register(router)` adds the app's viewsets; `urlpatterns` are its routes outside the router."""

    register: Callable[[Any], None]
    urlpatterns: list


@dataclass(frozen=True)
class MapIndicators:
    """Indicators an app adds to the map of Europe, all named `<prefix><code>`.

    `choices()` gives (name, label) pairs; `data(code=..., regions=...)` gives the values, colours and
    legend to draw (`regions.indicators.MapData`) for the regions shown. `depends_on` names the kinds of
    content (`saphire.page_cache`) whose change redraws the cached map.
    """

    prefix: str
    choices: Callable[[], list[tuple[str, str]]]
    data: Callable[..., Any]
    depends_on: tuple[str, ...] = ()


# `panels(user) -> list[saphire.dashboard.Panel]`
dashboard_panels: PluginPoint[Callable[[Any], list]] = PluginPoint("dashboard panels")
# `sections(*, region, user) -> list[saphire.profile.ProfileSection]`
region_profile_sections: PluginPoint[Callable[..., list]] = PluginPoint("region profile sections")
api_routes: PluginPoint[ApiRoutes] = PluginPoint("API routes")
# `load(*, stdout)`, idempotent; run bottom-up, so each may rely on the data of the apps below it.
demo_loaders: PluginPoint[Callable[..., None]] = PluginPoint("a demo loader")
map_indicators: PluginPoint[MapIndicators] = PluginPoint("map indicators")
# Apps whose admin permissions coordinators hold (the value is unused: the label is the entry).
coordinator_admin_apps: PluginPoint[bool] = PluginPoint("coordinator admin permissions")


@dataclass(frozen=True)
class Note:
    """A line a higher app adds to a roadmap page: `text`, with a link to more where it has one."""

    text: str
    url: str = ""
    label: str = ""


# `notes(*, region, version) -> dict[module code, list[Note]]` beside a published region roadmap's items
# ("" for the roadmap as a whole). `depends_on` of the page: ROADMAP.
roadmap_item_notes: PluginPoint[Callable[..., dict]] = PluginPoint("roadmap item notes")
# `evidence(*, code) -> list[Note]`: evidence a module page lists besides the module's own.
module_evidence: PluginPoint[Callable[..., list]] = PluginPoint("module evidence")
# `search(*, q, lang, limit) -> list[Note]`: more results of the roadmap search (label: what kind of result).
roadmap_search: PluginPoint[Callable[..., list]] = PluginPoint("roadmap search results")
# `links(*, region, user) -> list[Note]`: actions a higher app offers on a region's roadmap and its builder
# (open a consultation on the draft, the consultations held). Shown to signed-in users only: not cached.
roadmap_links: PluginPoint[Callable[..., list]] = PluginPoint("roadmap links")
# `links(*, target, user) -> list[Note]`: ways for a signed-in user to take up a pilot or a partner region
# (`target`), shown on the pilot's page and beside each suggested partner.
interest_links: PluginPoint[Callable[..., list]] = PluginPoint("interest links")


@dataclass(frozen=True)
class PersonalData:
    """What an app keeps about a person: `export(user)` gives it as JSON-ready data (the person's
    data export), `erase(user)` removes or pseudonymises it when the account is deleted. Rows that
    are part of a shared history (comments, audit trails) stay, attributed to the pseudonymised user."""

    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class InterestChoices:
    """Codes a person may pick as interests on their profile: `field` is "regions" or "themes"."""

    field: str
    choices: Callable[[], list[tuple[str, str]]]


interest_choices: PluginPoint[InterestChoices] = PluginPoint("interest choices")
personal_data: PluginPoint[PersonalData] = PluginPoint("personal data")
# `grant(*, user, region_codes)`: what an accepted invitation gives (region memberships).
invitation_grants: PluginPoint[Callable[..., None]] = PluginPoint("invitation grants")
