"""Issue 19's stakeholder journey in a real browser: sign up, verify the email, follow FI1D, hear of the
roadmap published there, and receive the digest from a real worker with a working unsubscribe link."""

import re
from email import message_from_string
from email.policy import default as default_policy

import pytest
from playwright.sync_api import expect

from accounts.models import User
from notifications import tasks
from notifications.models import DigestPreference
from roadmap import services as roadmap_services
from tests.factories import RegionFactory, RegionMembershipFactory, published_module
from tests.helpers import browser_login, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough passphrase 42"


def _mails(worker) -> list:
    """Every message the worker has sent so far (the file backend writes one or more per file)."""
    messages = []
    for path in sorted(worker.mail_dir.glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(message_from_string(chunk.strip(), policy=default_policy))
    return messages


def _mail_to(worker, address: str, subject_part: str):
    def find():
        return next(
            (m for m in _mails(worker) if m["To"] == address and subject_part in str(m["Subject"])),
            None,
        )

    return wait_for(find, timeout=30)


def _path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_stakeholder_signs_up_follows_fi1d_and_gets_the_digest(page, browser, live_server, celery_worker):
    region = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    official = RegionMembershipFactory(user__username="olli", user__first_name="Olli", region=region).user
    module = published_module("GOV-01", themes=["GOV"], title="Regional personalised medicine strategy")
    roadmap = roadmap_services.roadmap_for_region(region=region)
    roadmap_services.roadmap_item_add(roadmap=roadmap, module=module, phase=1, lock_version=None, by=official)

    # Sign up as a stakeholder.
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.locator("#id_username").fill("petra")
    page.locator("#id_email").fill("petra@example.eu")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("Organisation").fill("Patients of the North")
    page.get_by_label("Your place in the value chain").select_option("citizens")
    page.get_by_label("Regions of interest").select_option("FI1D")
    page.get_by_label("I have read and agree to the privacy notice.").check()
    page.get_by_role("button", name="Sign up").last.click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert User.objects.get(username="petra").is_active is False

    # The worker mails the verification link; opening it activates the account.
    verification = _mail_to(celery_worker, "petra@example.eu", "Verify your email")
    link = re.search(r"https?://\S+/accounts/signup/verify/\S+", verification.get_content()).group(0)
    page.goto(_path_of(link))
    expect(page.get_by_text("Your email is verified. Sign in to start.")).to_be_visible()
    browser_login(page, "petra", PASSWORD)

    # Follow FI1D from its profile, without any script.
    page.goto("/regions/FI1D/")
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_text("You follow FI1D")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Unfollow"))).to_be_visible()

    # The region publishes its roadmap: the follower sees it in the header and the list.
    roadmap_services.roadmap_publish(roadmap=roadmap, by=official)
    page.reload()
    expect(page.locator(".notifications-link .badge").first).to_have_text("1")
    page.locator(".notifications-link").first.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.get_by_text(f"Olli published a roadmap version: {roadmap.title} v1")).to_be_visible()

    # Beat's daily digest, run by the real worker, mails it with a one-click unsubscribe.
    tasks.digest_send_due.delay(frequency="daily")
    digest = _mail_to(celery_worker, "petra@example.eu", "new notification")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Olli published a roadmap version: Personalised medicine roadmap for" in digest.get_content()
    unsubscribe = re.search(r"<(\S+)>", digest["List-Unsubscribe"]).group(1)

    signed_out = browser.new_context(base_url=live_server.url).new_page()
    signed_out.goto(_path_of(unsubscribe))
    signed_out.get_by_role("button", name="Unsubscribe").click()
    expect(signed_out.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert DigestPreference.objects.get(user__username="petra").frequency == DigestPreference.Frequency.NEVER
