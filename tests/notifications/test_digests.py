"""Issue 19, part 4: email digests in the recipient's language, with a one-click unsubscribe."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications import digests, kinds, services, tasks
from notifications.models import DigestPreference, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Frequency = DigestPreference.Frequency


def test_the_daily_digest_mails_each_person_once_with_everything_unmailed(stakeholder, region, settings):
    settings.SITE_URL = "https://regions.example.eu"
    other = UserFactory(email="other@example.eu")
    services.notify_users([stakeholder, other], kinds.EVENT_ANNOUNCED, about=region)
    services.notify_users([stakeholder], kinds.ROADMAP_PUBLISHED, about=region)

    sent = tasks.digest_send_due(frequency="daily")
    again = tasks.digest_send_due(frequency="daily")

    assert (sent, again) == (2, 0)
    mine = next(m for m in mail.outbox if m.to == [stakeholder.email])
    assert mine.subject == "SAPHIRe Regions: 2 new notifications"
    assert f"https://regions.example.eu{region.get_absolute_url()}" in mine.body
    assert mine.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mine.extra_headers["List-Unsubscribe"].startswith("<https://regions.example.eu/notifications/unsubscribe/")
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_the_digest_is_in_the_recipients_language(stakeholder, region):
    stakeholder.language = "fr"
    stakeholder.save()
    services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region)

    digests.digest_run(frequency="daily")

    assert mail.outbox[0].subject == "SAPHIRe Regions\u202f: 1 nouvelle notification"
    assert f"Un événement a été annoncé\u202f: {region}" in mail.outbox[0].body


def test_weekly_and_never_are_left_out_of_the_daily_run(stakeholder, region):
    weekly, never = UserFactory(), UserFactory()
    digests.frequency_set(user=weekly, frequency=Frequency.WEEKLY)
    digests.frequency_set(user=never, frequency=Frequency.NEVER)
    services.notify_users([stakeholder, weekly, never], kinds.EVENT_ANNOUNCED, about=region)

    daily = digests.digest_run(frequency="daily")
    week = digests.digest_run(frequency="weekly")

    assert (daily, week) == (1, 1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([stakeholder.email, weekly.email])


def test_immediately_mails_after_commit(stakeholder, region, eager_tasks, django_capture_on_commit_callbacks):
    digests.frequency_set(user=stakeholder, frequency=Frequency.IMMEDIATELY)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=region)

    assert [m.to for m in mail.outbox] == [[stakeholder.email]]


def test_the_unsubscribe_link_works_signed_out_and_one_click(client, stakeholder, region):
    preference = digests.preference_for(stakeholder)
    path = reverse("notifications:unsubscribe", args=[digests.unsubscribe_token(preference)])

    page = client.get(path)
    preference.refresh_from_db()
    assert (page.status_code, preference.frequency) == (200, Frequency.DAILY)

    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    preference.refresh_from_db()
    assert (response.status_code, preference.frequency) == (200, Frequency.NEVER)


def test_a_forged_unsubscribe_token_is_refused(client, stakeholder):
    preference = digests.preference_for(stakeholder)
    token = digests.unsubscribe_token(preference)

    forged = client.post(reverse("notifications:unsubscribe", args=[token[:-3] + "abc"]))
    preference.unsubscribe_token = "rotated"
    preference.save()
    rotated = client.post(reverse("notifications:unsubscribe", args=[token]))

    preference.refresh_from_db()
    assert (forged.status_code, rotated.status_code, preference.frequency) == (404, 404, Frequency.DAILY)


def test_the_digest_setting_is_chosen_on_the_settings_page(client_as, stakeholder):
    response = client_as(stakeholder).post(reverse("notifications:settings"), {"frequency": "weekly"})

    assert response.status_code == 302
    assert DigestPreference.objects.get(user=stakeholder).frequency == Frequency.WEEKLY


def test_people_without_email_are_not_mailed(region):
    silent = UserFactory(email="")
    services.notify_users([silent], kinds.EVENT_ANNOUNCED, about=region)

    assert digests.digest_run(frequency="daily") == 0
