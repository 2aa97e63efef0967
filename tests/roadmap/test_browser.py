import re

import pytest
from playwright.sync_api import expect

from roadmap.models import RoadmapVersion
from tests.factories import FindingFactory, RegionFactory, seed_theme
from tests.helpers import browser_login

from .conftest import publish_roadmap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_and_follows_a_module_to_a_region_and_its_partners(page, library):
    crete = RegionFactory(code="EL43", name="Kriti", level=2, country_code="EL")
    publish_roadmap(crete, (library["GOV-01"], 1), (library["DATA-01"], 2), (library["ACCESS-01"], 3))
    FindingFactory(region=crete, theme=seed_theme("DATA"), kind="gap", severity=4, title="No shared records")
    flanders = RegionFactory(code="BE21", name="Prov. Antwerpen", level=2, country_code="BE")
    FindingFactory(
        region=flanders,
        theme=seed_theme("DATA"),
        kind="best_practice",
        severity=5,
        title="Flemish health data platform",
    )

    page.goto("/roadmap/")
    page.get_by_label("Search the roadmap").fill("telemed")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#module-results")).to_contain_text("Telemedicine for remote regions")
    expect(page.locator("#module-results")).not_to_contain_text("Regional personalised medicine strategy")

    page.goto("/roadmap/")
    page.get_by_label("Theme").select_option("DATA")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"theme=DATA"))
    expect(page.locator("#module-results li")).to_have_count(1)
    page.get_by_role("link", name="Health-data infrastructure and interoperability").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Health-data infrastructure and interoperability")
    expect(page.locator("#actions-h")).to_be_visible()
    page.locator("#module-regions").get_by_role("link", name="EL43 Kriti").click()

    expect(page.get_by_role("heading", name="Phase 1: Foundations")).to_be_visible()
    expect(page.locator(".phase-timeline")).to_contain_text("DATA-01")
    expect(page.locator("#timeline")).to_contain_text("Version 1 published")
    page.get_by_role("link", name="Partner regions").click()

    expect(page.locator("#partner-results")).to_contain_text("BE21 Prov. Antwerpen")
    expect(page.locator("#partner-results")).to_contain_text("Flemish health data platform")


def test_coordinator_builds_from_suggestions_is_refused_a_wrong_order_and_publishes(
    page, browser, live_server, library, coordinator
):
    crete = RegionFactory(code="EL43", name="Kriti", level=2, country_code="EL")
    FindingFactory(region=crete, theme=seed_theme("GOV"), kind="gap", severity=5, title="No regional strategy")
    FindingFactory(
        region=crete,
        theme=seed_theme("DATA"),
        kind="barrier",
        severity=3,
        title="Hospital records do not talk to each other",
    )
    browser_login(page, coordinator.username)

    page.goto("/roadmap/regions/EL43/edit/")
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Suggested because: confirmed gap “No regional strategy” (severity 5/5).")
    gov = suggestions.locator("li[data-module='GOV-01']")
    gov.get_by_label("Phase").select_option("2")
    gov.get_by_role("button", name="Add GOV-01").click()
    expect(page.locator(".message-success")).to_contain_text("GOV-01 added.")

    data = page.locator("#suggestions li[data-module='DATA-01']")
    data.get_by_label("Phase").select_option("1")
    data.get_by_role("button", name="Add DATA-01").click()
    expect(page.locator(".message-error")).to_contain_text(
        "DATA-01 needs GOV-01 first: place GOV-01 in an earlier phase, or before it in phase 1."
    )

    data = page.locator("#suggestions li[data-module='DATA-01']")
    data.get_by_label("Phase").select_option("3")
    data.get_by_role("button", name="Add DATA-01").click()
    expect(page.locator(".message-success")).to_contain_text("DATA-01 added.")
    page.get_by_role("button", name="Publish this roadmap").click()

    expect(page.locator(".message-success")).to_contain_text("Version 1 is public.")
    assert RoadmapVersion.objects.get(region=crete).module_codes == ["GOV-01", "DATA-01"]

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/roadmap/regions/EL43/")
    expect(visitor.locator(".phase-timeline")).to_contain_text("GOV-01")
    expect(visitor.get_by_role("heading", name="Phase 3: Scale up")).to_be_visible()
    visitor.goto("/roadmap/?q=Kriti")
    expect(visitor.locator("#roadmap-results")).to_contain_text("EL43 Kriti")
    visitor.context.close()
