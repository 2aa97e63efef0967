from io import StringIO

import pytest
from django.core import mail

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_dashboard_requires_login(client):
    response = client.get("/accounts/dashboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_then_dashboard(client, official):
    response = client.post("/accounts/login/", {"username": "olli", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/dashboard/"
    assert "Welcome" in response.content.decode()


def test_login_error_is_the_same_for_unknown_user_and_wrong_password(client, official):
    unknown = client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    wrong = client.post("/accounts/login/", {"username": "olli", "password": "x"})

    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors


def test_login_is_throttled_after_repeated_failures_even_with_the_right_password(client, official, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "olli", "password": "wrong"})

    response = client.post("/accounts/login/", {"username": "olli", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_whether_an_account_exists(
    client, official, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/accounts/password/reset/", {"email": "olli@example.eu"})
        unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.eu"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["olli@example.eu"]


def test_password_change(client_as, official):
    client = client_as(official)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )

    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("a-new-long-passphrase")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (User.Role.ADMINISTRATOR, 200),
        (User.Role.COORDINATOR, 200),
        (User.Role.OFFICIAL, 302),
        (User.Role.STAKEHOLDER, 302),
    ],
)
def test_django_admin_is_for_administrators_and_coordinators(client_as, role, status):
    user = UserFactory(role=role)

    assert client_as(user).get("/admin/").status_code == status


def test_coordinators_cannot_manage_accounts_in_the_admin(client_as, coordinator):
    assert client_as(coordinator).get("/admin/accounts/user/").status_code == 403


def test_language_switch_to_french(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "Se connecter" in response.content.decode()


def test_load_demo_twice_gives_the_same_data(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    first = (User.objects.count(), sorted(User.objects.values_list("username", flat=True)))
    call_command("load_demo", stdout=StringIO())

    assert (User.objects.count(), sorted(User.objects.values_list("username", flat=True))) == first
    assert set(first[1]) >= {"admin", "coordinator", "official", "stakeholder"}
