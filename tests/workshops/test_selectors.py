from datetime import timedelta

import pytest
from django.utils import timezone

from mapping.models import Finding
from tests.factories import EventFactory, FindingFactory, RegistrationFactory, UserFactory, seed_theme
from workshops import dashboard, region_profile, selectors
from workshops.models import Event

pytestmark = pytest.mark.django_db


def test_site_visit_topics_offer_confirmed_gaps_and_barriers_and_unanswered_themes(region, other_region):
    data = seed_theme("DATA")
    gap = FindingFactory(region=region, theme=data, kind=Finding.Kind.GAP, severity=5, title="No biobank")
    barrier = FindingFactory(region=region, theme=data, kind=Finding.Kind.BARRIER, severity=2, title="Consent")
    FindingFactory(region=region, theme=data, kind=Finding.Kind.STRENGTH, title="Strong registry")
    FindingFactory(region=region, theme=data, kind=Finding.Kind.GAP, status=Finding.Status.SUGGESTED, title="Maybe")
    FindingFactory(region=other_region, theme=data, kind=Finding.Kind.GAP, title="Elsewhere")
    event = EventFactory(kind=Event.Kind.SITE_VISIT, host_regions=[region])

    topics = selectors.agenda_topics(event=event)

    assert topics.findings == [gap, barrier]
    # No survey response yet: every active theme is still unanswered.
    assert data in topics.unanswered_themes


def test_dashboard_panels_run_fixed_queries(coordinator, django_assert_num_queries):
    for _ in range(3):
        EventFactory(status=Event.Status.PLANNED)
        RegistrationFactory(user=coordinator)

    with django_assert_num_queries(2):
        panels = dashboard.panels(coordinator)

    assert [len(p.items) for p in panels] == [3, 3]


def test_region_profile_shows_priorities_and_upcoming_public_events(region, stakeholder):
    EventFactory(title="Next visit", host_regions=[region])
    EventFactory(title="Still planned", host_regions=[region], status=Event.Status.PLANNED)
    past = timezone.now() - timedelta(days=3)
    EventFactory(title="Over", host_regions=[region], starts_at=past, ends_at=past + timedelta(hours=1))

    (section,) = region_profile.sections(region=region, user=stakeholder)

    assert [e.title for e in section.context["events"]] == ["Next visit"]
    assert section.context["priorities"] == []


def test_waitlist_position_counts_those_ahead():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status="waitlisted", registered_at=timezone.now() - timedelta(minutes=5))
    second = RegistrationFactory(event=event, status="waitlisted")

    assert selectors.waitlist_position(registration=first) == 1
    assert selectors.waitlist_position(registration=second) == 2


def test_registrant_sees_their_planned_event_but_others_do_not():
    event = EventFactory(status=Event.Status.PLANNED)
    registrant, other = UserFactory(), UserFactory()
    RegistrationFactory(event=event, user=registrant)

    assert list(selectors.event_visible(user=registrant)) == [event]
    assert list(selectors.event_visible(user=other)) == []


def test_agenda_topics_come_from_the_latest_accepted_response_not_a_draft(region):
    from tests.factories import AnswerFactory, CampaignFactory, QuestionFactory, ResponseFactory

    data = seed_theme("DATA")
    funding = seed_theme("FUND")
    old_campaign = CampaignFactory(opens_on=timezone.now().date() - timedelta(days=400))
    new_campaign = CampaignFactory(version=old_campaign.version)
    on_data = QuestionFactory(version=old_campaign.version, section__version=old_campaign.version, theme=data)
    QuestionFactory(version=old_campaign.version, section__version=old_campaign.version, theme=funding)
    accepted = ResponseFactory(campaign=old_campaign, region=region, status="accepted")
    AnswerFactory(response=accepted, question=on_data)
    # The newer campaign's response is still being filled in: it answers nothing yet.
    ResponseFactory(campaign=new_campaign, region=region, status="draft")
    event = EventFactory(kind=Event.Kind.WORKSHOP, host_regions=[region])

    topics = selectors.agenda_topics(event=event)

    assert topics.unanswered_themes == [funding]


def test_workshop_page_shows_mapping_topics_to_coordinators(client_as, coordinator, region):
    FindingFactory(region=region, kind=Finding.Kind.BARRIER, title="No genomic counselling")
    event = EventFactory(kind=Event.Kind.WORKSHOP, host_regions=[region])

    page = client_as(coordinator).get(f"/events/{event.pk}/").content.decode()

    assert "Topics from the mapping of the host regions" in page
    assert "No genomic counselling" in page
