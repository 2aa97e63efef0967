"""Findings one can work with: edit the wording, move back, pick the region from a list, honest messages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mapping import services
from mapping.models import Finding, FindingRule
from tests.factories import FindingFactory
from tests.mapping.test_views import fill_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggested(coordinator, official, response, version, campaign):
    FindingRule.objects.create(theme=None, comparison="below", threshold=60, kind="gap", severity=4)
    fill_complete(response, version, official)
    services.response_submit(response=response, by=official)
    services.response_accept(response=response, by=coordinator)
    (finding,) = services.findings_suggest(campaign=campaign, by=coordinator)
    return finding


def test_suggested_finding_wording_can_be_edited_and_keeps_its_rule(client_as, coordinator, suggested):
    rule = suggested.rule
    url = reverse("mapping:finding-edit", kwargs={"pk": suggested.pk})
    page = client_as(coordinator).get(url).content.decode()
    assert "Suggested by the rule" in page

    reply = client_as(coordinator).post(
        url,
        {
            "title": "Few hospitals offer genetic counselling",
            "description": "Half the hospitals, none outside the capital.",
            "evidence": suggested.evidence,
            "kind": "barrier",
            "severity": "3",
        },
    )

    assert reply.status_code == 302
    suggested.refresh_from_db()
    assert (suggested.title, suggested.kind, suggested.severity, suggested.rule) == (
        "Few hospitals offer genetic counselling",
        "barrier",
        3,
        rule,
    )
    change = suggested.changes.get()
    assert change.by == coordinator
    assert change.fields["title"] == ["Professional education and workforce score 50/100", suggested.title]
    assert "Professional education and workforce score 50/100" in client_as(coordinator).get(url).content.decode()


def test_confirmed_finding_can_be_edited_and_moved_back_with_history(client_as, coordinator, suggested):
    client = client_as(coordinator)
    status_url = reverse("mapping:finding-status", kwargs={"pk": suggested.pk})
    client.post(status_url, {"status": "confirmed"})
    services.finding_update(finding=suggested, by=coordinator, title="Counselling is scarce")

    list_page = client.get("/mapping/findings/").content.decode()
    assert "Move back to suggested" in list_page
    assert reverse("mapping:finding-edit", kwargs={"pk": suggested.pk}) in list_page

    client.post(status_url, {"status": "suggested"})
    client.post(status_url, {"status": "dismissed"})
    client.post(status_url, {"status": "suggested"})

    suggested.refresh_from_db()
    assert suggested.status == "suggested"
    assert [c.fields.get("status") for c in suggested.changes.order_by("at", "id")] == [
        ["suggested", "confirmed"],
        None,
        ["confirmed", "suggested"],
        ["suggested", "dismissed"],
        ["dismissed", "suggested"],
    ]


def test_dismissed_finding_cannot_be_edited_until_moved_back(coordinator, region):
    finding = FindingFactory(region=region, status=Finding.Status.DISMISSED)

    with pytest.raises(ValidationError):
        services.finding_update(finding=finding, by=coordinator, title="New")

    services.finding_set_status(finding=finding, status="suggested", by=coordinator)
    assert services.finding_update(finding=finding, by=coordinator, title="New").title == "New"


def test_edit_refuses_an_empty_title_and_keeps_the_typing(client_as, coordinator, region):
    finding = FindingFactory(region=region, title="Old")

    reply = client_as(coordinator).post(
        reverse("mapping:finding-edit", kwargs={"pk": finding.pk}),
        {"title": "  ", "description": "kept text", "evidence": "", "kind": "gap", "severity": "2"},
    )

    assert reply.status_code == 400
    assert "kept text" in reply.content.decode()
    finding.refresh_from_db()
    assert finding.title == "Old"


def test_api_edits_and_moves_back(client_as, coordinator, official, region):
    finding = FindingFactory(region=region)
    url = f"/api/v1/findings/{finding.pk}/"

    reply = client_as(coordinator).patch(
        url, {"status": "suggested", "title": "Reworded"}, content_type="application/json"
    )

    assert reply.status_code == 200
    assert (reply.json()["status"], reply.json()["title"]) == ("suggested", "Reworded")
    assert client_as(coordinator).patch(url, {"title": ""}, content_type="application/json").status_code == 400
    assert client_as(official).patch(url, {"title": "x"}, content_type="application/json").status_code == 403


def test_finding_form_offers_a_searchable_region_list(client_as, coordinator, region):
    page = client_as(coordinator).get(reverse("mapping:finding-create")).content.decode()

    assert 'list="region-choices"' in page
    assert f'<option value="{region.code} · {region.name}">' in page
    reply = client_as(coordinator).post(
        reverse("mapping:finding-create"),
        {
            "region_code": f"{region.code} · {region.name}",
            "theme": FindingFactory(region=region).theme_id,
            "kind": "gap",
            "severity": "3",
            "title": "Picked from the list",
            "source": "desk",
        },
    )
    assert reply.status_code == 302
    assert Finding.objects.filter(title="Picked from the list", region=region).exists()


def test_rules_suggesting_nothing_say_so(client_as, coordinator, campaign):
    reply = client_as(coordinator).post(reverse("mapping:campaign-suggest", kwargs={"pk": campaign.pk}), follow=True)

    body = reply.content.decode()
    assert "The rules suggest no new finding for this campaign" in body
    assert "0 findings suggested" not in body
