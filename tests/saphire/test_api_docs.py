"""The Swagger UI page carries the site's Content-Security-Policy and still works under it."""

import re

import pytest
from playwright.sync_api import expect

from saphire.middleware import CONTENT_SECURITY_POLICY


def test_swagger_ui_page_has_the_content_security_policy(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_swagger_ui_page_has_no_inline_script_or_style(client):
    body = client.get("/api/v1/docs/").content.decode()

    scripts = re.findall(r"<script\b([^>]*)>", body)
    assert scripts
    assert all("src=" in attributes for attributes in scripts)
    assert "<style" not in body
    assert " style=" not in body


def test_swagger_ui_start_up_script_is_served_as_javascript(client):
    body = client.get("/api/v1/docs/").content.decode()
    script_url = re.findall(r'<script src="([^"]+)"', body)[-1].replace("&amp;", "&")

    script = client.get(script_url)

    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_the_operations_without_policy_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )

    page.goto("/api/v1/docs/")

    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=30_000)
    # The UI draws only the operations near the viewport: scroll down until the events' tag is drawn,
    # as a reader does, instead of counting on it being on the first screen.
    events = page.locator(".opblock-summary-path", has_text="/api/v1/events/")
    for _ in range(100):
        if events.count():
            break
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(100)
    expect(events.first).to_be_visible()
    assert violations == []
