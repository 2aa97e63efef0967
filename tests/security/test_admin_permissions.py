"""The Django admin, model by model: administrators manage everything, coordinators the portal's data, nobody else."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.security import samples as sample_data
from tests.security.samples import ROLES
from tests.security.test_permission_matrix import outcome

pytestmark = pytest.mark.django_db

# The apps whose data coordinators manage in the admin (accounts and Django's own stay with administrators).
PORTAL_APPS = {"regions", "mapping", "workshops", "roadmap", "reports"}
MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


def expected(role: str, model) -> str:
    if role == "administrator":
        return "200"
    if role == "coordinator":
        return "200" if model._meta.app_label in PORTAL_APPS else "403"
    return "login"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_changelist_and_add_answer_each_role(model, client):
    s = sample_data.build()
    opts = model._meta
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    if admin.site._registry[model].has_add_permission.__func__ is not None:
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    found, wanted = {}, {}
    for role in ROLES:
        client.logout()
        if s.users[role] is not None:
            client.force_login(s.users[role])
        for url in urls:
            found[(role, url)] = outcome(client.get(url))
            wanted[(role, url)] = expected(role, model)

    assert found == wanted


def test_admin_index_is_for_staff_only(client):
    s = sample_data.build()
    found = {}
    for role in ROLES:
        client.logout()
        if s.users[role] is not None:
            client.force_login(s.users[role])
        found[role] = outcome(client.get(reverse("admin:index")))

    assert found == {
        "anonymous": "login",
        "stakeholder": "login",
        "official_a": "login",
        "official_b": "login",
        "coordinator": "200",
        "administrator": "200",
    }
