"""The pages each role can open, generated from the URL configuration and the permission matrix's table.

Every HTML route (not the API, not the admin) whose GET the matrix expects to answer 200 to a role is a
page of that role; the sample objects of the matrix fill in the URL arguments. A route that answers with
a fragment or a file rather than a whole page is left out in the browser (it has no `main`).
"""

from django.urls import reverse

from tests.security.samples import ROLES
from tests.security.test_permission_matrix import ROUTES, TABLE

# Routes that are not pages people read: the health probe answers JSON.
NOT_PAGES = {"health", "set_language"}
# One role of each kind: a second region's official sees the same pages as the first.
CHECKED_ROLES = ("anonymous", "stakeholder", "official_a", "coordinator", "administrator")
# Administrators work in the portal as coordinators do (the Django admin is not checked here): the
# pages both reach are checked once, as the coordinator, and the administrator's own are added.
SAME_PAGES_AS = {"administrator": "coordinator"}
ALWAYS_PER_ROLE = ("home", "accounts:dashboard", "accounts:preferences")


def pages_for(role: str, samples) -> list[tuple[str, str]]:
    """(route key, URL) of every page `role` may open, less those checked for the role it works like."""
    pages = _reachable(role, samples)
    if role in SAME_PAGES_AS:
        seen = set(_reachable(SAME_PAGES_AS[role], samples))
        pages = [page for page in pages if page not in seen or page[0] in ALWAYS_PER_ROLE]
    return pages


def _reachable(role: str, samples) -> list[tuple[str, str]]:
    assert role in ROLES
    found = []
    for route in ROUTES:
        if route.is_api or route.key in NOT_PAGES or route.key not in TABLE:
            continue
        row = TABLE[route.key]
        expected = row.expected("GET")
        if not expected or expected[role] != "200":
            continue
        found.append((route.key, reverse(route.key, kwargs=row.kwargs(samples) if row.kwargs else None)))
    return found
