"""The coordinator's journey in a real browser: schedule, quota, waiting list and offers, messages, check-in,
live vote with hidden results, priorities, calendar files."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
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


def test_workshop_journey(page, browser, live_server, celery_worker):
    RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    UserFactory(username="cora", role=User.Role.COORDINATOR)
    UserFactory(username="ann", first_name="Ann", last_name="Aalto")
    UserFactory(username="bob", first_name="Bob", last_name="Berg")
    UserFactory(username="cid", first_name="Cid", last_name="Cruz")

    # A coordinator schedules a workshop with two seats, offers that hold a freed seat for 12 hours,
    # confirms it and gives patient organisations a quota of one seat.
    browser_login(page, "cora")
    page.goto("/events/new/")
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Title").fill("Oulu prioritisation workshop")
    page.get_by_label("Host regions").fill("FI1D")
    page.get_by_label("Venue time zone").select_option("Europe/Helsinki")
    page.get_by_label("Starts (venue time)").fill("2030-06-10T10:00")
    page.get_by_label("Ends (venue time)").fill("2030-06-10T16:00")
    page.get_by_label("Venue address").fill("Oulu University Hospital")
    page.get_by_label("Capacity (seats)").fill("2")
    page.get_by_label("Hours to accept a freed seat").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Event saved as planned")).to_be_visible()
    page.get_by_role("button", name="Confirm and open registration").click()
    expect(page.get_by_text("Event confirmed")).to_be_visible()
    page.get_by_text("Seat quotas").click()
    page.get_by_label("Stakeholder kind").select_option("patients")
    page.get_by_label("Seats (0 removes the quota)").fill("1")
    page.get_by_role("button", name="Set quota").click()
    expect(page.get_by_text("Patient organisations: 1")).to_be_visible()
    event = Event.objects.get()
    event_url = f"/events/{event.pk}/"
    ics_url = f"{live_server.url}/events/{event.pk}.ics"
    first_ics = Calendar.from_ical(page.request.get(ics_url).body())

    # Three register: the second patient organisation waits, and is told it is the quota, not a full event.
    ann = _person(browser, live_server, "ann")
    ann.goto(event_url)
    ann.get_by_label("You represent").select_option("patients")
    ann.get_by_role("button", name="Register").click()
    expect(ann.get_by_text("You are registered (Participant).")).to_be_visible()

    bob = _person(browser, live_server, "bob")
    bob.goto(event_url)
    bob.get_by_label("You represent").select_option("patients")
    bob.get_by_role("button", name="Register").click()
    expect(bob.get_by_text("The 1 seats for patient organisations are taken").first).to_be_visible()
    expect(bob.get_by_text("you are number 1 on the waiting list").first).to_be_visible()

    cid = _person(browser, live_server, "cid")
    cid.goto(event_url)
    cid.get_by_label("You represent").select_option("clinicians")
    cid.get_by_role("button", name="Register").click()
    expect(cid.get_by_text("You are registered (Participant).")).to_be_visible()

    # Ann cancels, after a confirmation; the seat is offered to Bob, who accepts it.
    ann.get_by_role("link", name="Cancel my registration").click()
    ann.get_by_role("button", name="Yes, cancel my registration").click()
    expect(ann.get_by_text("Your registration is cancelled.")).to_be_visible()
    bob.reload()
    expect(bob.get_by_text("A seat is offered to you until")).to_be_visible()
    bob.get_by_role("button", name="Accept the seat").click()
    expect(bob.get_by_text("The seat is yours.")).to_be_visible()

    # The coordinator writes to the confirmed participants; the worker sends it and the log says to whom.
    page.goto(f"{event_url}messages/")
    page.get_by_label("To").select_option("confirmed")
    page.get_by_label("Subject").fill("Practical details")
    page.get_by_label("Message").fill("Doors open at 9:30, entrance B.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message queued: it is being sent to 2 people.")).to_be_visible()
    for _attempt in range(30):
        page.reload()
        if page.locator("td.num", has_text="2").count():
            break
        page.wait_for_timeout(500)
    expect(page.locator("td.num", has_text="2")).to_be_visible()

    # Check-in on a phone-sized screen.
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    door = phone.new_page()
    door.set_default_timeout(10_000)
    browser_login(door, "cora")
    door.goto(f"{event_url}check-in/")
    door.get_by_role("button", name="Check in Bob Berg").click()
    expect(door.get_by_text("1 of 2 arrived")).to_be_visible()
    assert door.evaluate("document.documentElement.scrollWidth") <= 390
    SHOTS.mkdir(parents=True, exist_ok=True)
    door.screenshot(path=str(SHOTS / "check-in-390.png"), full_page=True)

    # A vote whose results stay hidden from each voter until they have voted.
    page.goto(event_url)
    page.get_by_role("link", name="Open a voting round").click()
    page.get_by_label("More barriers (one per line)").fill("Genomic data not shared\nNo reimbursement for tests")
    page.get_by_label("Votes per participant").fill("5")
    page.get_by_role("button", name="Open the round").click()
    round_url = page.url
    voting_round = VotingRound.objects.get()

    bob.goto(round_url)
    expect(bob.get_by_text("The results are shown once you have voted.")).to_be_visible()
    bob.get_by_label("No reimbursement for tests").fill("4")
    bob.get_by_label("Genomic data not shared").fill("1")
    bob.get_by_role("button", name="Submit my votes").click()
    expect(bob.get_by_text("Your votes are counted.")).to_be_visible()
    expect(bob.locator("#ranking li").first).to_contain_text("No reimbursement for tests")

    cid.goto(round_url)
    expect(cid.get_by_text("The results are shown once you have voted.")).to_be_visible()
    expect(cid.locator("#ranking li")).to_have_count(0)
    cid.get_by_label("Genomic data not shared").fill("5")
    cid.get_by_role("button", name="Submit my votes").dblclick()
    expect(cid.get_by_text("Your votes are counted.")).to_be_visible()
    expect(bob.locator("#ranking li").first).to_contain_text("Genomic data not shared", timeout=8_000)
    expect(bob.locator("#ranking li").first).to_contain_text("6 votes")

    # Ann, no longer registered, is told only participants vote.
    ann.goto(round_url)
    expect(ann.get_by_role("heading", name="Only participants can vote")).to_be_visible()

    for width in (390, 1280):
        bob.set_viewport_size({"width": width, "height": 900})
        bob.screenshot(path=str(SHOTS / f"vote-{width}.png"), full_page=True)

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

    # An edit raises the SEQUENCE; the .ics carries the venue's zone and an alarm the day before.
    page.goto(f"{event_url}edit/")
    page.get_by_label("Title").fill("Oulu prioritisation workshop (room 2)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Event updated.")).to_be_visible()
    calendar = Calendar.from_ical(page.request.get(ics_url).body())
    (vevent,) = calendar.walk("VEVENT")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert vevent.walk("VALARM")[0].decoded("TRIGGER") == -timedelta(days=1)
    assert vevent["SEQUENCE"] > first_ics.walk("VEVENT")[0]["SEQUENCE"]
    assert Registration.objects.filter(status="confirmed").count() == 2


def test_screenshots_of_calendar_and_event_page(page):
    region = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    UserFactory(username="cora", role=User.Role.COORDINATOR)
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
