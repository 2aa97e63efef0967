import pytest
from django.core.exceptions import ValidationError

from roadmap import services
from roadmap.models import Module, ModuleVersion, RoadmapEvent, RoadmapItem, RoadmapVersion
from tests.factories import ModuleFactory, RegionFactory, published_module, seed_theme

pytestmark = pytest.mark.django_db


def test_module_update_refuses_a_cycle_and_names_it():
    gen = published_module("GEN-01")
    data = published_module("DATA-02", prerequisites=[gen])

    with pytest.raises(ValidationError) as raised:
        services.module_update(
            module=gen,
            lock_version=None,
            title=gen.title,
            summary=gen.summary,
            themes=[],
            prerequisites=[data],
            funding_instruments=[],
        )

    assert "GEN-01 → DATA-02 → GEN-01" in raised.value.message_dict["prerequisites"][0]
    assert list(gen.prerequisites.all()) == []


def test_module_update_refuses_a_longer_cycle():
    a = published_module("A-01")
    b = published_module("B-01", prerequisites=[a])
    c = published_module("C-01", prerequisites=[b])

    with pytest.raises(ValidationError) as raised:
        services.module_update(
            module=a, lock_version=None, title="A", summary="s", themes=[], prerequisites=[c], funding_instruments=[]
        )

    assert "A-01 → C-01 → B-01 → A-01" in str(raised.value)


def test_module_cannot_require_itself():
    module = published_module("A-01")

    with pytest.raises(ValidationError, match="own prerequisite"):
        services.module_update(
            module=module,
            lock_version=None,
            title="A",
            summary="s",
            themes=[],
            prerequisites=[module],
            funding_instruments=[],
        )


def test_module_update_with_stale_lock_version_is_refused():
    module = ModuleFactory(code="A-01")
    stale = module.lock_version
    services.module_update(
        module=module,
        lock_version=stale,
        title="First edit",
        summary="s",
        themes=[],
        prerequisites=[],
        funding_instruments=[],
    )

    with pytest.raises(services.StaleEdit):
        services.module_update(
            module=module,
            lock_version=stale,
            title="Second edit",
            summary="s",
            themes=[],
            prerequisites=[],
            funding_instruments=[],
        )

    assert Module.objects.get(pk=module.pk).title == "First edit"


def test_module_publish_freezes_a_version_and_lists_changes():
    module = published_module("A-01", themes=["DATA"], title="Data hub")
    services.module_update(
        module=module,
        lock_version=None,
        title="Regional data hub",
        summary=module.summary,
        themes=[seed_theme("DATA"), seed_theme("ELSI")],
        prerequisites=[],
        funding_instruments=[],
    )
    services.module_action_add(
        module=module, title="Hire a data steward", actor_type="hospital", horizon="short", cost_level="low"
    )

    public_before = ModuleVersion.objects.get(module=module, is_current=True)
    assert public_before.title == "Data hub"

    version = services.module_publish(module=module, by=None)

    assert version.number == 2
    assert version.title == "Regional data hub"
    assert "Title changed from “Data hub” to “Regional data hub”." in version.changes
    assert "Themes added: ELSI" in version.changes
    assert "Actions added: Hire a data steward" in version.changes
    assert ModuleVersion.objects.filter(module=module, is_current=True).get() == version


def _roadmap_with(region, *modules_and_phases):
    roadmap = services.roadmap_for_region(region=region)
    for module, phase in modules_and_phases:
        services.roadmap_item_add(roadmap=roadmap, module=module, phase=phase, lock_version=None, by=None)
    return roadmap


def test_roadmap_refuses_a_module_before_its_prerequisite():
    strategy = published_module("GOV-01")
    data = published_module("DATA-01", prerequisites=[strategy])
    roadmap = _roadmap_with(RegionFactory(), (strategy, 2))

    with pytest.raises(ValidationError) as raised:
        services.roadmap_item_add(roadmap=roadmap, module=data, phase=1, lock_version=None, by=None)

    assert raised.value.message_dict["phase"] == [
        "DATA-01 needs GOV-01 first: place GOV-01 in an earlier phase, or before it in phase 1."
    ]
    assert not roadmap.items.filter(module=data).exists()


def test_roadmap_refuses_a_move_that_breaks_the_order():
    strategy = published_module("GOV-01")
    data = published_module("DATA-01", prerequisites=[strategy])
    roadmap = _roadmap_with(RegionFactory(), (strategy, 1), (data, 2))
    item = roadmap.items.get(module=strategy)

    with pytest.raises(ValidationError, match="DATA-01 needs GOV-01 first"):
        services.roadmap_item_move(item=item, phase=3, order=1, lock_version=None, by=None)

    assert roadmap.items.get(module=strategy).phase == 1


def test_roadmap_same_phase_needs_the_prerequisite_earlier_in_the_phase():
    strategy = published_module("GOV-01")
    data = published_module("DATA-01", prerequisites=[strategy])
    roadmap = _roadmap_with(RegionFactory(), (strategy, 1))

    services.roadmap_item_add(roadmap=roadmap, module=data, phase=1, lock_version=None, by=None)
    with pytest.raises(ValidationError):
        services.roadmap_item_move(item=roadmap.items.get(module=data), phase=1, order=1, lock_version=None, by=None)


def test_draft_modules_cannot_go_into_a_roadmap():
    roadmap = services.roadmap_for_region(region=RegionFactory())

    with pytest.raises(ValidationError, match="Only published modules"):
        services.roadmap_item_add(roadmap=roadmap, module=ModuleFactory(), phase=1, lock_version=None, by=None)


def test_stale_roadmap_edit_is_refused():
    roadmap = services.roadmap_for_region(region=RegionFactory())
    stale = roadmap.lock_version
    services.roadmap_item_add(roadmap=roadmap, module=published_module("A-01"), phase=1, lock_version=stale, by=None)

    with pytest.raises(services.StaleEdit):
        services.roadmap_item_add(
            roadmap=roadmap, module=published_module("B-01"), phase=1, lock_version=stale, by=None
        )

    assert roadmap.items.count() == 1


def test_status_change_lands_on_the_timeline_and_done_means_100():
    roadmap = _roadmap_with(RegionFactory(), (published_module("A-01"), 1))
    item = roadmap.items.get()

    services.roadmap_item_update(item=item, status="in_progress", progress=30, notes="", lock_version=None, by=None)
    services.roadmap_item_update(item=item, status="done", progress=50, notes="Signed", lock_version=None, by=None)

    events = list(roadmap.events.filter(kind=RoadmapEvent.Kind.STATUS).order_by("at", "id"))
    assert [(e.from_status, e.to_status) for e in events] == [("planned", "in_progress"), ("in_progress", "done")]
    assert RoadmapItem.objects.get(pk=item.pk).progress == 100


def test_roadmap_publish_freezes_and_later_versions_show_differences():
    a, b = published_module("A-01"), published_module("B-01")
    roadmap = _roadmap_with(RegionFactory(), (a, 1))
    first = services.roadmap_publish(roadmap=roadmap, by=None)
    services.roadmap_item_add(roadmap=roadmap, module=b, phase=2, lock_version=None, by=None)
    services.roadmap_item_move(item=roadmap.items.get(module=a), phase=2, order=1, lock_version=None, by=None)

    assert RoadmapVersion.objects.get(pk=first.pk).module_codes == ["A-01"]
    second = services.roadmap_publish(roadmap=roadmap, by=None)

    assert first.changes == ["First published version."]
    assert second.number == 2
    assert "Modules added: B-01" in second.changes
    assert "A-01 moved from Foundations to Build." in second.changes
    assert list(RoadmapVersion.objects.filter(roadmap=roadmap, is_current=True)) == [second]


def test_empty_roadmap_cannot_be_published():
    roadmap = services.roadmap_for_region(region=RegionFactory())

    with pytest.raises(ValidationError, match="at least one module"):
        services.roadmap_publish(roadmap=roadmap, by=None)


def test_removing_a_prerequisite_still_needed_is_refused():
    a = published_module("A-01")
    b = published_module("B-01", prerequisites=[a])
    roadmap = _roadmap_with(RegionFactory(), (a, 1), (b, 2))

    with pytest.raises(ValidationError, match="A-01 is a prerequisite of B-01"):
        services.roadmap_item_remove(item=roadmap.items.get(module=a), lock_version=None, by=None)


def test_pilot_refuses_end_before_start_and_overfunding():
    from datetime import date
    from decimal import Decimal

    from tests.factories import FundingInstrumentFactory

    region = RegionFactory()
    with pytest.raises(ValidationError, match="before the start"):
        services.pilot_save(
            slug="p", title="P", summary="s", regions=[region], start_date=date(2026, 5, 1), end_date=date(2026, 1, 1)
        )
    with pytest.raises(ValidationError, match="more than the budget"):
        services.pilot_save(
            slug="p",
            title="P",
            summary="s",
            regions=[region],
            budget=Decimal(100),
            funding=[(FundingInstrumentFactory(), Decimal(150))],
        )
    with pytest.raises(ValidationError, match="at least one region"):
        services.pilot_save(slug="p", title="P", summary="s", regions=[])


def test_pilot_links_registered_organisations_by_name():
    from regions.models import Organisation

    region = RegionFactory(code="FI1D")
    oys = Organisation.objects.create(
        region=region, name="Oulu University Hospital", kind="hospital", status="approved"
    )
    uni = Organisation.objects.create(region=region, name="University of Oulu", kind="university", status="approved")
    Organisation.objects.create(
        region=RegionFactory(code="BE21"), name="University of Antwerp", kind="university", status="approved"
    )

    pilot = services.pilot_save(
        slug="p",
        title="P",
        summary="s",
        regions=[region],
        lead_name="oulu university hospital",
        partner_names="University of Oulu\nUniversity of Antwerp\nA company",
    )

    assert pilot.lead_organisation == oys
    assert list(pilot.partner_organisations.all()) == [uni]
