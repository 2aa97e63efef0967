import factory
from factory.django import DjangoModelFactory

from roadmap import services
from roadmap.models import FundingInstrument, Module, ModuleAction, Pilot
from tests.factories.core import RegionFactory, seed_theme


class FundingInstrumentFactory(DjangoModelFactory):
    class Meta:
        model = FundingInstrument

    code = factory.Sequence(lambda n: f"fund-{n}")
    name = factory.Sequence(lambda n: f"Fund {n}")
    level = FundingInstrument.Level.EU


class ModuleFactory(DjangoModelFactory):
    """A draft module with one action; `published_module` publishes one."""

    class Meta:
        model = Module
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"MOD-{n:02d}")
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "A building block of a regional roadmap."

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def action(obj, create, extracted, **kwargs):
        if create:
            ModuleAction.objects.create(
                module=obj,
                order=1,
                title=f"First step of {obj.code}",
                actor_type="government",
                horizon="short",
                cost_level="low",
                kpi="Plan adopted",
                kpi_target="Yes",
            )


def published_module(code: str, *, themes=(), prerequisites=(), title: str | None = None, **fields) -> Module:
    theme_objs = [seed_theme(t) if isinstance(t, str) else t for t in themes]
    module = ModuleFactory(code=code, title=title or f"Module {code}", themes=theme_objs, **fields)
    if prerequisites:
        module.prerequisites.set(prerequisites)
    services.module_publish(module=module, by=None)
    module.refresh_from_db()
    return module


class PilotFactory(DjangoModelFactory):
    class Meta:
        model = Pilot
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"pilot-{n}")
    title = factory.Sequence(lambda n: f"Pilot {n}")
    summary = "A pilot project."
    status = Pilot.Status.RUNNING

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        if create:
            obj.regions.set(extracted or [RegionFactory()])
