"""Sections that other apps add to a region's profile page.

Every app above regions has a `region_profile.py` with `sections(*, region, user) -> list[ProfileSection]`,
registered in `plugins.region_profile_sections`; the region page renders them in the app graph's order.
Each must run a fixed number of queries.
"""

from dataclasses import dataclass, field


@dataclass
class ProfileSection:
    title: str
    template: str
    context: dict = field(default_factory=dict)
