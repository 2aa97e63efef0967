"""Opening a region's response: a GET never creates one, and never reveals another region's."""

import pytest
from django.urls import reverse

from mapping.models import Response

pytestmark = pytest.mark.django_db


def open_url(campaign, region) -> str:
    return reverse("mapping:response-open", kwargs={"campaign_pk": campaign.pk, "code": region.code})


def test_get_offers_a_start_button_and_creates_nothing(client_as, official, campaign, region):
    page = client_as(official).get(open_url(campaign, region))

    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert "Start the questionnaire" in page.content.decode()
    assert not Response.objects.exists()


def test_post_starts_the_response_once(client_as, official, campaign, region):
    client = client_as(official)

    first = client.post(open_url(campaign, region))
    second = client.post(open_url(campaign, region))

    response = Response.objects.get()
    assert (response.campaign, response.region) == (campaign, region)
    assert first.url == second.url == reverse("mapping:response-fill", kwargs={"pk": response.pk})


def test_get_of_a_started_response_leads_to_it(client_as, official, campaign, region):
    response = Response.objects.create(campaign=campaign, region=region)

    reply = client_as(official).get(open_url(campaign, region))

    assert reply.url == reverse("mapping:response-fill", kwargs={"pk": response.pk})


@pytest.mark.parametrize("started", [False, True])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_regions_official_gets_the_same_404_started_or_not(
    client_as, other_official, campaign, region, started, method
):
    response = Response.objects.create(campaign=campaign, region=region) if started else None

    reply = getattr(client_as(other_official), method)(open_url(campaign, region))

    assert reply.status_code == 404
    assert "Location" not in reply
    assert list(Response.objects.all()) == ([response] if started else [])


@pytest.mark.parametrize("method", ["get", "post"])
def test_stakeholder_gets_404_even_for_a_published_campaign(client_as, stakeholder, campaign, region, method):
    Response.objects.create(campaign=campaign, region=region, status=Response.Status.ACCEPTED)

    reply = getattr(client_as(stakeholder), method)(open_url(campaign, region))

    assert reply.status_code == 404
    assert "Location" not in reply


def test_coordinator_sees_a_region_not_started_but_cannot_start_it(client_as, coordinator, campaign, region):
    client = client_as(coordinator)

    page = client.get(open_url(campaign, region))
    start = client.post(open_url(campaign, region))

    assert page.status_code == 200
    assert "Start the questionnaire" not in page.content.decode()
    assert start.status_code == 403
    assert not Response.objects.exists()


def test_mapping_index_starts_with_a_form(client_as, official, campaign, region):
    page = client_as(official).get(reverse("mapping:index")).content.decode()

    assert f'<form method="post" action="{open_url(campaign, region)}">' in page
    assert not Response.objects.exists()
