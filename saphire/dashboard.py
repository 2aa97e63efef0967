"""What each role sees waiting on its dashboard.

Every app above accounts has a `dashboard.py` with `panels(user) -> list[Panel]`,
registered in `plugins.dashboard_panels`; the dashboard view shows them in the
app graph's order. Panels must run a fixed number of queries whatever the data.
"""

from dataclasses import dataclass, field


@dataclass
class PanelItem:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class Panel:
    title: str
    items: list[PanelItem] = field(default_factory=list)
    empty_text: str = ""
    action_label: str = ""
    action_url: str = ""
