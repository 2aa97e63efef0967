"""Issue 19, part 1: stakeholder sign-up with email verification and consent; invitations of officials."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from accounts import signup
from accounts.models import Consent, Invitation, User
from regions.models import RegionMembership
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough passphrase 42"


def signup_data(**overrides):
    from django.conf import settings

    data = {
        "username": "petra",
        "email": "petra@example.eu",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Petra",
        "last_name": "Patient",
        "organisation": "Patients of the North",
        "stakeholder_kind": "citizens",
        "interest_regions": ["FI1D"],
        "language": "fr",
        "timezone": "Europe/Helsinki",
        "consent": "on",
        "consent_version": settings.PRIVACY_NOTICE_VERSION,
    }
    data.update(overrides)
    return data


def sign_up(client, **overrides):
    return client.post(reverse("accounts:signup"), signup_data(**overrides), REMOTE_ADDR="192.0.2.10")


def link_in(message) -> str:
    return re.search(r"http\S+", message.body).group(0)


def test_signup_creates_an_inactive_account_with_its_profile_and_consent(
    client, region, settings, eager_tasks, django_capture_on_commit_callbacks
):
    theme = ThemeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, interest_themes=[theme.code])

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup-sent")
    user = User.objects.get(username="petra")
    assert (user.is_active, user.role, user.organisation, user.interest_regions, user.interest_themes) == (
        False,
        User.Role.STAKEHOLDER,
        "Patients of the North",
        ["FI1D"],
        [theme.code],
    )
    assert (user.language, user.timezone) == ("fr", "Europe/Helsinki")
    consent = Consent.objects.get(user=user)
    assert (consent.document, consent.version) == (Consent.Document.PRIVACY_NOTICE, settings.PRIVACY_NOTICE_VERSION)
    assert [m.to for m in mail.outbox] == [["petra@example.eu"]]
    assert "/accounts/signup/verify/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Vérifiez votre adresse pour SAPHIRe Regions"


def test_the_verification_link_activates_the_account_once(
    client, region, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = link_in(mail.outbox[0]).split("8000", 1)[-1]

    first = client.get(path)
    second = client.get(path)

    user = User.objects.get(username="petra")
    assert user.is_active is True
    assert user.email_verified_at is not None
    assert first.status_code == 302
    assert second.status_code == 400
    assert client.login(username="petra", password=PASSWORD)


def test_an_expired_or_forged_link_is_refused(client, region, settings):
    user = UserFactory(username="late", is_active=False)
    settings.SIGNUP_VERIFY_MAX_AGE = 0
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=signup.VERIFY_SALT)

    expired = client.get(reverse("accounts:signup-verify", args=[token]))
    forged = client.get(reverse("accounts:signup-verify", args=[token[:-2] + "xx"]))

    user.refresh_from_db()
    assert (expired.status_code, forged.status_code, user.is_active) == (400, 400, False)


def test_an_inactive_account_cannot_sign_in_before_verifying(client, region):
    sign_up(client)

    assert client.login(username="petra", password=PASSWORD) is False


def test_signup_needs_consent_and_keeps_what_was_typed(client, region):
    response = client.post(reverse("accounts:signup"), signup_data(consent=""), REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    assert 'value="Patients of the North"' in response.content.decode()
    assert not User.objects.filter(username="petra").exists()


def test_an_outdated_privacy_notice_version_is_refused(client, region):
    response = sign_up(client, consent_version="1999-01-01")

    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    assert not User.objects.filter(username="petra").exists()


def test_the_honeypot_refuses_bots(client, region):
    response = sign_up(client, website="http://spam.example")

    assert response.status_code == 200
    assert not User.objects.filter(username="petra").exists()


def test_signup_is_rate_limited_per_address(client, region, settings):
    settings.SIGNUP_IP_LIMIT = 2

    answers = [sign_up(client, username=f"p{i}", email=f"p{i}@example.eu").status_code for i in range(3)]

    assert answers == [302, 302, 429]
    assert User.objects.filter(username__in=["p0", "p1", "p2"]).count() == 2


def test_a_known_email_gets_a_note_not_a_second_account(
    client, region, eager_tasks, django_capture_on_commit_callbacks
):
    UserFactory(username="existing", email="petra@example.eu")

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)

    assert response.status_code == 302
    assert User.objects.filter(email__iexact="petra@example.eu").count() == 1
    assert "already has an account" in mail.outbox[0].body


def test_a_taken_username_is_an_error_on_the_field(client, region):
    UserFactory(username="Petra")

    response = sign_up(client)

    assert "username" in response.context["form"].errors


# Invitations -------------------------------------------------------------------------------------


def test_a_coordinator_invites_an_official_who_gets_the_regions(
    client_as, coordinator, region, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(coordinator).post(
            reverse("accounts:invitations"), {"email": "new.official@example.eu", "region_codes": ["FI1D"]}
        )
    assert response.status_code == 302
    path = link_in(mail.outbox[0]).split("8000", 1)[-1]

    client = client_as(None)
    accepted = client.post(
        path,
        {"username": "newbie", "password1": PASSWORD, "password2": PASSWORD, "consent": "on"},
    )
    again = client.get(path)

    user = User.objects.get(username="newbie")
    assert accepted.status_code == 302
    assert (user.role, user.email, user.is_active) == (User.Role.OFFICIAL, "new.official@example.eu", True)
    assert list(RegionMembership.objects.filter(user=user).values_list("region__code", flat=True)) == ["FI1D"]
    assert Invitation.objects.get().accepted_by == user
    assert again.status_code == 404


def test_an_expired_invitation_does_not_open(client, coordinator, region):
    invitation, token = signup.invitation_create(invited_by=coordinator, email="x@example.eu", region_codes=["FI1D"])
    Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - timedelta(seconds=1))

    response = client.post(
        reverse("accounts:invitation-accept", args=[token]),
        {"username": "late", "password1": PASSWORD, "password2": PASSWORD, "consent": "on"},
    )

    assert response.status_code == 404
    assert not User.objects.filter(username="late").exists()


def test_invitations_expire_after_the_configured_days(coordinator, region, settings):
    settings.INVITATION_LIFETIME_DAYS = 7

    invitation, _token = signup.invitation_create(invited_by=coordinator, email="x@example.eu", region_codes=["FI1D"])

    assert timedelta(days=6, hours=23) < invitation.expires - timezone.now() <= timedelta(days=7)


@pytest.mark.parametrize("who", ["stakeholder", "official", None])
def test_only_coordinators_invite(client_as, request, who, region):
    user = request.getfixturevalue(who) if who else None

    response = client_as(user).post(
        reverse("accounts:invitations"), {"email": "x@example.eu", "region_codes": ["FI1D"]}
    )

    assert response.status_code == (403 if user else 302)
    assert Invitation.objects.count() == 0


def test_signup_refuses_a_password_too_long_to_hash_with_a_field_message(client, region):
    from accounts.forms import PASSWORD_MAX_LENGTH

    too_long = "p" * (PASSWORD_MAX_LENGTH + 1)
    response = sign_up(client, password1=too_long, password2=too_long)

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert response.context["form"]["username"].value() == "petra"
    assert not User.objects.filter(username="petra").exists()
