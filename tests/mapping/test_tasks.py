import datetime

import pytest
from django.core import mail

from mapping import services, tasks
from mapping.models import ReminderSent, Response
from tests.factories import CampaignFactory, RegionMembershipFactory

pytestmark = pytest.mark.django_db


def test_reminders_sent_once_and_not_to_submitted_regions(
    region, other_region, official, other_official, django_capture_on_commit_callbacks, eager_tasks
):
    today = datetime.date(2026, 5, 1)
    campaign = CampaignFactory(
        regions=[region, other_region],
        opens_on=today - datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=3),
    )
    Response.objects.create(campaign=campaign, region=other_region, status=Response.Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.reminders_send(today=today)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.reminders_send(today=today)

    assert (first, second) == (1, 0)
    assert list(ReminderSent.objects.values_list("response_region__code", "days_before")) == [("FI1D", 3)]
    assert [m.to for m in mail.outbox] == [[official.email]]
    assert "due in 3 days" in mail.outbox[0].subject


def test_reminders_task_runs_on_a_day_without_deadlines():
    assert tasks.reminders_send() == 0


def test_reminder_on_the_deadline_day(region):
    RegionMembershipFactory(region=region)
    today = datetime.date.today()
    CampaignFactory(regions=[region], opens_on=today - datetime.timedelta(days=3), deadline=today)

    assert services.reminders_send(today=today) == 1
    assert ReminderSent.objects.get().days_before == 0
