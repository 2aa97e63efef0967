import pytest

from roadmap import matchmaking
from tests.factories import FindingFactory, RegionFactory, seed_theme

from .conftest import scored

pytestmark = pytest.mark.django_db


def test_partners_cover_the_gaps_theme_by_theme_with_reasons():
    region = RegionFactory(code="EL43", name="Kriti")
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="gap", severity=5)
    FindingFactory(region=region, theme=seed_theme("EDU"), kind="barrier", severity=2)
    flanders = RegionFactory(code="BE21", name="Prov. Antwerpen")
    FindingFactory(
        region=flanders,
        theme=seed_theme("DATA"),
        kind="best_practice",
        severity=5,
        title="Flemish health data platform",
    )
    scored(flanders, "EDU", 90)
    weak = RegionFactory(code="PT20", name="Açores")
    FindingFactory(region=weak, theme=seed_theme("EDU"), kind="strength", severity=2, title="Nurse training")
    FindingFactory(region=weak, theme=seed_theme("DATA"), kind="strength", severity=1, status="suggested")

    partners = matchmaking.partner_regions(region=region)

    assert [(p.region.code, p.score) for p in partners] == [("BE21", 31.0), ("PT20", 4.0)]
    assert partners[0].themes == ["DATA", "EDU"]
    assert partners[0].reasons[0] == (
        "Covers your gap in data infrastructure and interoperability: 1 confirmed strength(s), "
        "e.g. “Flemish health data platform”."
    )
    assert "scored 90/100" in partners[0].reasons[1]


def test_low_scores_count_as_gaps():
    region = RegionFactory()
    scored(region, "DATA", 20)
    partner = RegionFactory()
    scored(partner, "DATA", 85)

    [found] = matchmaking.partner_regions(region=region)

    assert found.region == partner
    assert matchmaking.region_gaps(region=region) == {"DATA": 3.0}


def test_no_gaps_no_partners(region, other_region):
    FindingFactory(region=other_region, theme=seed_theme("DATA"), kind="strength")

    assert matchmaking.partner_regions(region=region) == []


def test_shared_gaps_for_joint_pilots():
    region = RegionFactory(code="EL43")
    for code in ["DATA", "ACCESS"]:
        FindingFactory(region=region, theme=seed_theme(code), kind="gap")
    both = RegionFactory(code="ES70")
    for code in ["DATA", "ACCESS"]:
        FindingFactory(region=both, theme=seed_theme(code), kind="gap")
    one = RegionFactory(code="PT20")
    FindingFactory(region=one, theme=seed_theme("DATA"), kind="barrier")

    shared = matchmaking.shared_gap_regions(region=region)

    assert [(s.region.code, len(s.themes)) for s in shared] == [("ES70", 2), ("PT20", 1)]


def test_partner_regions_constant_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    region = RegionFactory()
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="gap")

    def add_partners(n):
        for _ in range(n):
            other = RegionFactory()
            FindingFactory(region=other, theme=seed_theme("DATA"), kind="strength")
            scored(other, "DATA", 80)

    def count():
        with CaptureQueriesContext(connection) as captured:
            matchmaking.partner_regions(region=region)
        return len(captured)

    add_partners(2)
    # The level's statistics table (what partners share with the region) is computed once, then shared.
    matchmaking.partner_regions(region=region)
    few = count()
    add_partners(30)

    assert count() == few <= 8


def test_organisations_covering_the_value_chain_count_as_strength():
    from regions.models import Organisation

    region = RegionFactory(code="EL43")
    FindingFactory(region=region, theme=seed_theme("HTA"), kind="gap", severity=3)
    partner = RegionFactory(code="NL41", name="Noord-Brabant")
    for name in ["Payer A", "HTA agency", "Insurer B", "Insurer C"]:
        Organisation.objects.create(
            region=partner, name=name, kind="payer", value_chain_stages=["reimbursement"], status="approved"
        )
    Organisation.objects.create(
        region=RegionFactory(code="XX11"),
        name="Pending payer",
        kind="payer",
        value_chain_stages=["reimbursement"],
        status="pending",
    )

    [found] = matchmaking.partner_regions(region=region)

    assert found.region == partner
    assert found.score == 9.0  # gap 3 x at most 3 organisations
    assert "3 organisation(s) covering this stage" in found.reasons[0]


def test_partners_follow_a_confirmed_strength_and_an_approved_organisation(
    coordinator, django_capture_on_commit_callbacks
):
    """The strength table all regions share is kept between requests, and the services that change
    what it reads make the next list of partners take the change in at once."""
    from mapping.services import findings
    from regions import services as region_services
    from regions.models import Organisation

    region = RegionFactory(code="EL43")
    FindingFactory(region=region, theme=seed_theme("DATA"), kind="gap", severity=4)
    FindingFactory(region=region, theme=seed_theme("FUND"), kind="gap", severity=1)
    first = RegionFactory(code="BE21")
    FindingFactory(region=first, theme=seed_theme("DATA"), kind="strength", severity=2, title="Data hub")
    second = RegionFactory(code="NL41")
    suggested = FindingFactory(
        region=second, theme=seed_theme("DATA"), kind="best_practice", severity=5, status="suggested"
    )
    payer = Organisation.objects.create(
        region=first, name="Payer", kind="payer", value_chain_stages=["reimbursement"], status="pending"
    )
    assert [(p.region.code, p.score) for p in matchmaking.partner_regions(region=region)] == [("BE21", 8.0)]

    with django_capture_on_commit_callbacks(execute=True):
        findings.finding_set_status(finding=suggested, status="confirmed", by=coordinator)
    assert [(p.region.code, p.score) for p in matchmaking.partner_regions(region=region)] == [
        ("NL41", 20.0),
        ("BE21", 8.0),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        region_services.organisation_review(organisation=payer, approve=True, user=coordinator)
    [found, other] = matchmaking.partner_regions(region=region)
    assert (found.region.code, found.score) == ("NL41", 20.0)
    assert other.score == 9.0  # the organisation covers the funding gap (weight 1)
    assert "1 organisation(s) covering this stage" in other.reasons[1]
