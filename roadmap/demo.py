"""Demo data: the starter module library, a few region roadmaps and pilots (idempotent)."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from mapping.models import Theme
from mapping.themes import seed_themes, theme_codes
from regions.models import Region
from roadmap import services, starter
from roadmap.models import FundingInstrument, Module, ModuleAction, RegionRoadmap, RoadmapItem
from saphire.datafiles import default_text, translated_columns
from saphire.i18n import stored_values

DEMO_REGIONS = [
    ("FI1D", "Pohjois- ja Itä-Suomi", "FI"),
    ("BE21", "Prov. Antwerpen", "BE"),
    ("EL43", "Kriti", "EL"),
    ("ES70", "Canarias", "ES"),
    ("PT20", "Região Autónoma dos Açores", "PT"),
    ("NL41", "Noord-Brabant", "NL"),
]

# region code -> [(module code, phase, status, progress)]
DEMO_ROADMAPS = {
    "FI1D": [
        ("GOV-01", 1, "done", 100),
        ("EDU-01", 1, "in_progress", 60),
        ("DATA-01", 1, "in_progress", 40),
        ("ELSI-01", 1, "done", 100),
        ("ACCESS-01", 2, "in_progress", 25),
        ("GEN-01", 2, "planned", 0),
        ("POP-01", 3, "planned", 0),
        ("COOP-01", 3, "planned", 0),
    ],
    "EL43": [
        ("GOV-01", 1, "in_progress", 50),
        ("EDU-01", 1, "planned", 0),
        ("FUND-01", 1, "planned", 0),
        ("DATA-01", 2, "planned", 0),
        ("ACCESS-01", 2, "planned", 0),
        ("ACCESS-02", 3, "planned", 0),
    ],
    "BE21": [
        ("GOV-01", 1, "done", 100),
        ("RES-01", 1, "done", 100),
        ("DATA-01", 1, "done", 100),
        ("ELSI-01", 1, "done", 100),
        ("EDU-01", 1, "done", 100),
        ("GEN-01", 2, "done", 100),
        ("GEN-02", 2, "in_progress", 70),
        ("IND-01", 2, "in_progress", 50),
        ("HTA-01", 2, "in_progress", 30),
        ("HTA-02", 3, "planned", 0),
    ],
    "ES70": [
        ("GOV-01", 1, "in_progress", 30),
        ("DATA-01", 2, "planned", 0),
        ("ELSI-01", 2, "planned", 0),
        ("ACCESS-01", 3, "planned", 0),
    ],
}

DEMO_PILOTS = [
    {
        "slug": "arctic-telegenetics",
        "title": "Arctic tele-genetics",
        "summary": (
            "Video genetic counselling and home sampling for families in northern Finland, run with a Flemish "
            "genomics centre that shares its variant-interpretation pipeline."
        ),
        "regions": ["FI1D", "BE21"],
        "modules": ["ACCESS-01", "GEN-01"],
        "lead_name": "Oulu University Hospital",
        "partner_names": "University of Antwerp\nAntwerp University Hospital",
        "budget": Decimal("1800000"),
        "start_date": date(2026, 3, 1),
        "end_date": date(2028, 2, 29),
        "status": "running",
        "funding": [
            ("interreg", Decimal("1100000")),
            ("regional-budget", Decimal("400000")),
            ("national-health", Decimal("300000")),
        ],
    },
    {
        "slug": "island-founder-screening",
        "title": "Island founder-population screening",
        "summary": (
            "A joint carrier-screening protocol for island populations with a distinct genetic background, shared "
            "between Crete, the Canary Islands and the Azores."
        ),
        "regions": ["EL43", "ES70", "PT20"],
        "modules": ["POP-01", "ELSI-01"],
        "lead_name": "University of Crete",
        "partner_names": "Hospital Universitario de Canarias\nHospital do Divino Espírito Santo",
        "budget": Decimal("2400000"),
        "start_date": date(2026, 9, 1),
        "end_date": date(2029, 8, 31),
        "status": "planned",
        "funding": [("horizon-europe", Decimal("2000000")), ("erdf", Decimal("400000"))],
    },
]


def _regions() -> dict[str, Region]:
    regions = {}
    for code, name, country in DEMO_REGIONS:
        region = Region.objects.filter(code=code).order_by("-nuts_version").first()
        if region is None:
            region = Region.objects.create(
                code=code, nuts_version=2021, level=len(code) - 2, country_code=country, name=name
            )
        regions[code] = region
    return regions


def _prerequisites_first(specs: list[dict]) -> list[dict]:
    ordered, placed = [], set()
    pending = list(specs)
    while pending:
        ready = [s for s in pending if set(s["prerequisites"]) <= placed]
        if not ready:
            raise ValueError(f"prerequisite cycle among {[s['code'] for s in pending]}")
        for spec in ready:
            ordered.append(spec)
            placed.add(spec["code"])
            pending.remove(spec)
    return ordered


ACTION_TEXTS = ("title", "kpi", "kpi_target", "description")
ACTION_CHOICES = ("actor_type", "horizon", "cost_level")


def _action_values(spec: dict) -> dict:
    """A module action of the data file as ModuleAction columns: English under the bare name."""
    values = {field: spec[field] for field in ACTION_CHOICES}
    for field in ACTION_TEXTS:
        values[field] = default_text(spec.get(field))
        values.update(translated_columns(field, spec.get(field), include_default=False))
    return values


def load_library() -> dict[str, Module]:
    """The starter funding instruments and modules, published; used by the demo and the benchmarks."""
    seed_themes()
    themes = {t.code: t for t in Theme.objects.filter(code__in=theme_codes())}
    for spec in starter.funding_instruments():
        FundingInstrument.objects.update_or_create(
            code=spec["code"],
            defaults={
                "level": spec["level"],
                "url": spec.get("url", ""),
                **translated_columns("name", spec["name"]),
                "description_en": default_text(spec.get("description")),
                **translated_columns("description", spec.get("description"), include_default=False),
            },
        )
    funding = {f.code: f for f in FundingInstrument.objects.all()}
    modules: dict[str, Module] = {}
    for spec in _prerequisites_first(starter.modules()):
        module = Module.objects.filter(code=spec["code"]).first()
        fields = {
            "title": default_text(spec["title"]),
            "summary": default_text(spec["summary"]),
            **translated_columns("title", spec["title"], include_default=False),
            **translated_columns("summary", spec["summary"], include_default=False),
            "themes": [themes[c] for c in spec["themes"]],
            "funding_instruments": [funding[c] for c in spec["funding"]],
            "typologies": spec["typologies"],
        }
        prerequisites = [modules[c] for c in spec["prerequisites"]]
        if module is None:
            module = services.module_create(code=spec["code"], prerequisites=prerequisites, **fields)
        else:
            module = services.module_update(module=module, lock_version=None, prerequisites=prerequisites, **fields)
        wanted = [_action_values(action) for action in spec["actions"]]
        columns = sorted({name for action in wanted for name in action})
        have = [
            {name: value for name, value in row.items() if value not in (None, "") or name in ACTION_TEXTS}
            for row in module.actions.values(*columns)
        ]
        if have != wanted:
            module.actions.all().delete()
            ModuleAction.objects.bulk_create(
                [
                    ModuleAction(module=module, order=i, **stored_values(ModuleAction, a))
                    for i, a in enumerate(wanted, 1)
                ]
            )
        modules[module.code] = module
    for module in modules.values():
        current = module.versions.filter(is_current=True).first()
        if current is None or current.data != services.module_snapshot(module):
            services.module_publish(module=module, by=None)
        else:
            Module.objects.filter(pk=module.pk).update(has_unpublished_changes=False)
    return {m.code: m for m in Module.objects.filter(code__in=modules)}


def load_roadmap(*, region: Region, plan: list[tuple[str, int, str, int]], modules: dict[str, Module]) -> RegionRoadmap:
    roadmap = services.roadmap_for_region(region=region)
    if roadmap.versions.exists():
        return roadmap
    order_in_phase: dict[int, int] = {}
    for code, phase, status, progress in plan:
        if roadmap.items.filter(module=modules[code]).exists():
            continue
        order_in_phase[phase] = order_in_phase.get(phase, 0) + 1
        item = services.roadmap_item_add(
            roadmap=roadmap, module=modules[code], phase=phase, order=order_in_phase[phase], lock_version=None, by=None
        )
        if status != RoadmapItem.Status.PLANNED:
            services.roadmap_item_update(
                item=item, status=status, progress=progress, notes="", lock_version=None, by=None
            )
    services.roadmap_publish(roadmap=roadmap, by=None)
    return roadmap


@transaction.atomic
def load(*, stdout) -> None:
    modules = load_library()
    regions = _regions()
    for code, plan in DEMO_ROADMAPS.items():
        load_roadmap(region=regions[code], plan=plan, modules=modules)
    funding = {f.code: f for f in FundingInstrument.objects.all()}
    for spec in DEMO_PILOTS:
        services.pilot_save(
            **{k: v for k, v in spec.items() if k not in ("regions", "modules", "funding")},
            regions=[regions[c] for c in spec["regions"]],
            modules=[modules[c] for c in spec["modules"]],
            funding=[(funding[c], amount) for c, amount in spec["funding"]],
        )
    stdout.write(f"roadmap: {len(modules)} modules, {len(DEMO_ROADMAPS)} region roadmaps, {len(DEMO_PILOTS)} pilots\n")
