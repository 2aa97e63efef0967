"""Steps shared by the browser journeys: a page per person, the worker's mail box, a stakeholder's sign-up."""

import re
from email import message_from_string
from email.policy import default as default_policy

from playwright.sync_api import expect

from tests.helpers import browser_login, wait_for

SIGNUP_PASSWORD = "a-long-enough passphrase 42"


def page_as(browser, live_server, user):
    """A fresh browser context signed in as `user` (None: a visitor); close the context when done."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if user is not None:
        browser_login(page, user.username)
    return context, page


def mails(worker) -> list:
    """Every message the worker has sent so far (the file backend writes one or more per file)."""
    messages = []
    for path in sorted(worker.mail_dir.glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(message_from_string(chunk.strip(), policy=default_policy))
    return messages


def mail_to(worker, address: str, subject_part: str):
    def find():
        return next(
            (m for m in mails(worker) if m["To"] == address and subject_part in str(m["Subject"])),
            None,
        )

    return wait_for(find, timeout=30)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up_and_verify(page, worker, *, username: str, email: str, region_code: str) -> None:
    """Sign up as a stakeholder, open the link the worker mails, and sign in."""
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.locator("#id_username").fill(username)
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(SIGNUP_PASSWORD)
    page.locator("#id_password2").fill(SIGNUP_PASSWORD)
    page.get_by_label("Organisation").fill("Patients of the North")
    page.get_by_label("Your place in the value chain").select_option("citizens")
    page.get_by_label("Regions of interest").select_option(region_code)
    page.get_by_label("I have read and agree to the privacy notice.").check()
    page.get_by_role("button", name="Sign up").last.click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    verification = mail_to(worker, email, "Verify your email")
    link = re.search(r"https?://\S+/accounts/signup/verify/\S+", verification.get_content()).group(0)
    page.goto(path_of(link))
    expect(page.get_by_text("Your email is verified. Sign in to start.")).to_be_visible()
    browser_login(page, username, SIGNUP_PASSWORD)
