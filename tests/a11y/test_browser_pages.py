"""Every page of every role, on a 390 px phone, checked by axe-core against WCAG 2.1 A and AA.

Each page is also read for the forms it offers: none may be one the permission matrix refuses (403)
to the role, since people should be shown only what they may do.

One dataset and one browser context per role: the pages are opened one after the other in the same
tab, which keeps the run to a few seconds per page.
"""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from tests.a11y.pages import CHECKED_ROLES, pages_for
from tests.security import samples as sample_data
from tests.security.test_permission_matrix import TABLE

PHONE = {"width": 390, "height": 844}
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Not a WCAG rule by axe's tags, but a header cell with no text leaves screen-reader users guessing.
    "rules": {"empty-table-header": {"enabled": True}},
    # Only what fails: the passes would be serialised for nothing.
    "resultTypes": ["violations"],
}
# The outermost element that sticks out past the viewport's right edge, to name in a failure.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 1 && el.parentElement.getBoundingClientRect().right <= limit + 1) {
      return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && el.className.baseVal === undefined
        ? "." + String(el.className).trim().split(/\\s+/).join(".") : "") + " " + Math.round(box.right) + " px";
    }
  }
  return "";
}"""


def _signed_in_context(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    # axe-core (bundled by axe-playwright-python) loads with every page rather than being sent to each.
    context.add_init_script(script=Axe().axe_script)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


POST_FORMS = """() => Array.from(document.querySelectorAll("form"))
  .filter((form) => form.method.toLowerCase() === "post")
  .map((form) => new URL(form.action, location.href).pathname)"""


def _forbidden_forms(page, role: str) -> list[str]:
    """Forms the page offers that the permission matrix says answer 403 to this role."""
    found = []
    for path in sorted(set(page.evaluate(POST_FORMS))):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        row = TABLE.get(match.view_name)
        expected = row.expected("POST") if row else None
        if expected and expected[role] == "403":
            found.append(f"offers a form that answers 403: {path}")
    return found


def _violations(page) -> list[str]:
    results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
    lines = []
    for violation in results["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({len(violation['nodes'])}): {'; '.join(targets)}")
    return lines


@pytest.mark.parametrize("role", CHECKED_ROLES)
def test_every_page_fits_a_phone_and_passes_axe(role, browser, live_server, transactional_db):
    samples = sample_data.build()
    pages = pages_for(role, samples)
    context = _signed_in_context(browser, live_server, samples.users[role])
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: dict[str, list[str]] = {}
    checked = 0
    started = time.monotonic()
    axe_time = 0.0
    try:
        for key, url in pages:
            try:
                response = page.goto(url, wait_until="domcontentloaded")
            except PlaywrightError as error:
                if "Download is starting" in str(error):
                    continue  # a file (CSV, XLSX, iCalendar), not a page
                raise
            assert response is not None and response.status == 200, f"{key} {url}: {response and response.status}"
            if "text/html" not in response.headers.get("content-type", "") or page.locator("main#main").count() == 0:
                continue  # a fragment or a download, not a page
            checked += 1
            found = []
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                found.append(f"{width} px wide: {page.evaluate(WIDEST)}")
            t = time.monotonic()
            header = page.evaluate("document.querySelector('.site-header').offsetHeight")
            if header > PHONE["height"] * 0.12:
                found.append(f"the header takes {header} px of the first screen")
            found += _forbidden_forms(page, role)
            found += _violations(page)
            axe_time += time.monotonic() - t
            if found:
                problems[f"{key} {url}"] = found
    finally:
        context.close()
    print(f"{role}: {checked} pages in {time.monotonic() - started:.0f} s, axe {axe_time:.0f} s")
    assert checked >= len(pages) // 2 and checked >= 3, f"only {checked} of {len(pages)} pages checked for {role}"
    assert problems == {}, "\n" + "\n".join(f"{where}: {found}" for where, found in problems.items())
