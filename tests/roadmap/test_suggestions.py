import datetime

import pytest
from django.utils import timezone

from roadmap import selectors, services
from tests.factories import FindingFactory, RegionFactory, seed_theme
from workshops.models import RegionPriority

from .conftest import scored

pytestmark = pytest.mark.django_db


def test_suggestions_ranked_and_explained_from_gaps_scores_and_priorities(library):
    region = RegionFactory(code="EL43", name="Kriti")
    FindingFactory(region=region, theme=seed_theme("ACCESS"), severity=4, title="Islands far from the hospital")
    scored(region, "DATA", 38)
    RegionPriority.objects.create(
        region=region,
        theme=seed_theme("GOV"),
        label="No strategy",
        rank=2,
        votes=14,
        decided_at=timezone.now(),
        source_title="Heraklion workshop, 3 March 2026",
    )

    suggestions = selectors.module_suggestions(region=region)

    assert [(s.module.code, s.score) for s in suggestions] == [("ACCESS-01", 40.0), ("GOV-01", 32.0), ("DATA-01", 11.0)]
    assert suggestions[0].reasons == ["confirmed gap “Islands far from the hospital” (severity 4/5)"]
    assert suggestions[1].reasons == ["priority 2 at Heraklion workshop, 3 March 2026"]
    assert suggestions[2].reasons == ["data infrastructure and interoperability scored 38/100"]


def test_suggestions_ignore_unconfirmed_findings_and_other_regions(library, other_region):
    region = RegionFactory()
    FindingFactory(region=region, theme=seed_theme("DATA"), status="suggested")
    FindingFactory(region=other_region, theme=seed_theme("DATA"))

    assert selectors.module_suggestions(region=region) == []


def test_only_the_latest_workshop_round_counts(library):
    region = RegionFactory()
    now = timezone.now()
    RegionPriority.objects.create(
        region=region,
        theme=seed_theme("DATA"),
        label="Old",
        rank=1,
        decided_at=now - datetime.timedelta(days=400),
    )
    RegionPriority.objects.create(region=region, theme=seed_theme("GOV"), label="New", rank=1, decided_at=now)

    assert [s.module.code for s in selectors.module_suggestions(region=region)] == ["GOV-01"]


def test_suggestions_mark_modules_already_in_the_roadmap(library):
    region = RegionFactory()
    FindingFactory(region=region, theme=seed_theme("GOV"))
    services.roadmap_item_add(
        roadmap=services.roadmap_for_region(region=region),
        module=library["GOV-01"],
        phase=1,
        lock_version=None,
        by=None,
    )

    [suggestion] = selectors.module_suggestions(region=region)

    assert suggestion.in_roadmap


def test_suggestions_run_a_constant_number_of_queries(library, django_assert_max_num_queries):
    region = RegionFactory()
    for code in ["DATA", "GOV", "ACCESS"]:
        FindingFactory(region=region, theme=seed_theme(code))

    with django_assert_max_num_queries(8):
        selectors.module_suggestions(region=region)
