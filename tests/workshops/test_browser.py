"""The coordinator's journey in a real browser: schedule, register, waiting list, live vote, priorities."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import EventFactory, RegionFactory, RegistrationFactory, UserFactory, VoteOptionFactory
from tests.helpers import browser_login
from workshops.models import Event, RegionPriority, Registration, VotingRound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / ".data" / "screenshots" / "workshops"


def _person(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    browser_login(page, username)
    return page


def test_workshop_journey(page, browser, live_server):
    RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    UserFactory(username="cora", role=User.Role.COORDINATOR)
    UserFactory(username="ann", first_name="Ann")
    UserFactory(username="bob", first_name="Bob")

    # A coordinator schedules a workshop and confirms it.
    browser_login(page, "cora")
    page.goto("/events/new/")
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Title").fill("Oulu prioritisation workshop")
    page.get_by_label("Host regions").fill("FI1D")
    page.get_by_label("Venue time zone").select_option("Europe/Helsinki")
    page.get_by_label("Starts (venue time)").fill("2030-06-10T10:00")
    page.get_by_label("Ends (venue time)").fill("2030-06-10T16:00")
    page.get_by_label("Venue address").fill("Oulu University Hospital")
    page.get_by_label("Capacity (seats)").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Event saved as planned")).to_be_visible()
    page.get_by_role("button", name="Confirm and open registration").click()
    expect(page.get_by_text("Event confirmed")).to_be_visible()
    event = Event.objects.get()
    event_url = f"/events/{event.pk}/"

    # Two stakeholders register: one gets the seat, the other the waiting list.
    ann = _person(browser, live_server, "ann")
    ann.goto(event_url)
    ann.get_by_label("You represent").select_option("clinicians")
    ann.get_by_role("button", name="Register").click()
    expect(ann.get_by_text("You are registered (Participant).")).to_be_visible()

    bob = _person(browser, live_server, "bob")
    bob.goto(event_url)
    bob.get_by_label("You represent").select_option("patients")
    bob.get_by_role("button", name="Join the waiting list").click()
    expect(bob.get_by_text("You are on the waiting list (number 1)")).to_be_visible()

    # The first cancels; the second is promoted.
    ann.get_by_role("button", name="Cancel my registration").click()
    bob.reload()
    expect(bob.get_by_text("You are registered (Participant).")).to_be_visible()

    # Ann comes back on the waiting list; the coordinator adds a seat, which promotes her.
    ann.get_by_role("button", name="Join the waiting list").click()
    page.goto(f"{event_url}edit/")
    page.get_by_label("Capacity (seats)").fill("2")
    page.get_by_role("button", name="Save").click()
    ann.reload()
    expect(ann.get_by_text("You are registered (Participant).")).to_be_visible()

    # The coordinator opens a vote on typed-in barriers.
    page.goto(event_url)
    page.get_by_role("link", name="Open a voting round").click()
    page.get_by_label("More barriers (one per line)").fill("Genomic data not shared\nNo reimbursement for tests")
    page.get_by_label("Votes per participant").fill("5")
    page.get_by_role("button", name="Open the round").click()
    round_url = page.url
    voting_round = VotingRound.objects.get()

    # Both vote; the live ranking on the other's screen follows without a reload.
    ann.goto(round_url)
    ann.get_by_label("No reimbursement for tests").fill("4")
    ann.get_by_label("Genomic data not shared").fill("1")
    ann.get_by_role("button", name="Submit my votes").click()
    expect(ann.get_by_text("Your votes are counted.")).to_be_visible()
    expect(ann.locator("#ranking li").first).to_contain_text("No reimbursement for tests")

    bob.goto(round_url)
    bob.get_by_label("Genomic data not shared").fill("5")
    bob.get_by_role("button", name="Submit my votes").dblclick()
    expect(bob.get_by_text("Your votes are counted.")).to_be_visible()
    expect(ann.locator("#ranking li").first).to_contain_text("Genomic data not shared", timeout=8_000)
    expect(ann.locator("#ranking li").first).to_contain_text("6 votes")

    # Over the allowance: a clear message and the typed numbers kept.
    bob.get_by_label("No reimbursement for tests").fill("3")
    bob.evaluate("document.querySelector('[data-submit-once]').disabled = false")
    bob.get_by_role("button", name="Submit my votes").click()
    expect(bob.get_by_text("You gave 8 votes; you have 5 to spread.")).to_be_visible()
    expect(bob.get_by_label("No reimbursement for tests")).to_have_value("3")

    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        ann.set_viewport_size({"width": width, "height": 900})
        ann.screenshot(path=str(SHOTS / f"vote-{width}.png"), full_page=True)

    # The coordinator closes the round; the region page shows the priorities.
    page.goto(round_url)
    page.get_by_role("button", name="Close the round and save the priorities").click()
    expect(page.get_by_text("priorities saved for FI1D")).to_be_visible()
    assert voting_round.pk and list(RegionPriority.objects.order_by("rank").values_list("label", "votes")) == [
        ("Genomic data not shared", 6),
        ("No reimbursement for tests", 4),
    ]
    page.goto("/regions/FI1D/")
    priorities = page.locator(".region-priorities li")
    expect(priorities.first).to_contain_text("Genomic data not shared")
    expect(priorities.nth(1)).to_contain_text("No reimbursement for tests")
    assert Registration.objects.filter(status="confirmed").count() == 2


def test_screenshots_of_calendar_and_event_page(page):
    region = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    UserFactory(username="cora", role=User.Role.COORDINATOR)
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0)
    kinds = [Event.Kind.WORKSHOP, Event.Kind.SITE_VISIT, Event.Kind.WEBINAR]
    for day in range(0, 40, 3):
        EventFactory(
            title=f"{kinds[day % 3].label}: personalised medicine session {day}",
            kind=kinds[day % 3],
            starts_at=now + timedelta(days=day),
            ends_at=now + timedelta(days=day, hours=4),
            host_regions=[region],
        )
    event = Event.objects.order_by("starts_at").first()
    event.description = "A day on the barriers the mapping found, and what to do first."
    event.save()
    for _ in range(3):
        RegistrationFactory(event=event)
    round_ = VoteOptionFactory(voting_round__event=event, label="Data").voting_round
    VoteOptionFactory(voting_round=round_, label="Funding")

    browser_login(page, "cora")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/events/")
        expect(page.get_by_role("heading", name="Site visits, workshops and webinars")).to_be_visible()
        page.screenshot(path=str(SHOTS / f"calendar-list-{width}.png"), full_page=True)
        page.goto("/events/?view=month")
        page.screenshot(path=str(SHOTS / f"calendar-month-{width}.png"), full_page=True)
        page.goto(f"/events/{event.pk}/")
        expect(page.get_by_role("heading", name=re.compile("personalised medicine"))).to_be_visible()
        page.screenshot(path=str(SHOTS / f"event-{width}.png"), full_page=True)
