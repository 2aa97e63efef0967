"""Issue 19, part 1: a person downloads everything about them and deletes their account (pseudonymised)."""

import json

import pytest
from django.urls import reverse

from accounts import privacy
from accounts.models import User
from notifications import kinds, services
from notifications.models import Follow, Notification
from regions.models import RegionMembership
from roadmap.models import RoadmapEvent
from tests.factories import EventFactory, RegistrationFactory, UserFactory
from tests.factories.core import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_account_profile_follows_and_memberships(client_as, official, region):
    official.organisation = "Regional Council"
    official.save()
    services.follow(official, region)
    services.notify_users([official], kinds.EVENT_ANNOUNCED, about=region, actor=UserFactory())
    RegistrationFactory(user=official, event=EventFactory(title="Oulu workshop", host_regions=[region]))

    response = client_as(official).get(reverse("accounts:data-export"))

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="saphire-my-data.json"'
    assert data["account"]["organisation"] == "Regional Council"
    assert data["account"]["email"] == official.email
    assert data["regions"]["region_memberships"][0]["region"] == "FI1D"
    assert [f["kind"] for f in data["notifications"]["follows"]] == ["region"]
    assert len(data["notifications"]["notifications"]) == 1
    assert [r["event"] for r in data["workshops"]["registrations"]] == ["Oulu workshop"]


def test_the_export_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:data-export"))

    assert response.status_code == 302


def test_deleting_pseudonymises_and_keeps_the_history(client_as, official, region):
    services.follow(official, region)
    history_count = RoadmapEvent.objects.count()
    client = client_as(official)

    wrong = client.post(reverse("accounts:account-delete"), {"password": "not it"})
    response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    official.refresh_from_db()
    assert wrong.status_code == 200
    assert response.status_code == 200
    assert official.username == f"Deleted user {official.pk}"
    assert official.get_full_name() == f"Deleted user {official.pk}"
    assert (official.email, official.is_active, official.has_usable_password()) == ("", False, False)
    assert official.deleted_at is not None
    assert Follow.objects.filter(user=official).count() == 0
    assert RegionMembership.objects.filter(user=official).count() == 0
    assert RoadmapEvent.objects.count() == history_count
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_deleted_accounts_keep_their_row_for_audit_trails(stakeholder, region):
    services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region, actor=UserFactory())

    privacy.account_delete(user=stakeholder)

    assert User.objects.filter(pk=stakeholder.pk).exists()
    assert Notification.objects.filter(recipient=stakeholder).count() == 0
