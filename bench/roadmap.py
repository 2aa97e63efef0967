"""Roadmap: public search with 60 modules and 240 published region roadmaps, and the public pages'
throughput under gunicorn next to a trivial Django view on the same server."""

import random
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client

from bench.core import Context, Result, time_get
from bench.server import Gunicorn, requests_per_second

ROOT = Path(__file__).resolve().parent.parent
MODULES = 60
ROADMAPS = 240
THEMES = ["AWARE", "EDU", "DATA", "ELSI", "REG", "HTA", "FUND", "RES", "IND", "GOV", "ENG", "ACCESS", "COOP"]
WORDS = [
    "registry",
    "screening",
    "counselling",
    "laboratory",
    "cohort",
    "platform",
    "network",
    "training",
    "pathway",
    "consent",
    "sequencing",
    "dashboard",
    "observatory",
    "procurement",
    "literacy",
]


def _sizes(ctx: Context) -> tuple[int, int]:
    return (MODULES, 40) if ctx.quick else (MODULES, ROADMAPS * ctx.scale if ctx.scale > 1 else ROADMAPS)


def _regions(n: int):
    from regions.models import Region

    regions = list(Region.objects.filter(level=2).order_by("code")[:n])
    missing = n - len(regions)
    if missing > 0:
        Region.objects.bulk_create(
            [Region(code=f"ZR{i:03d}", level=2, country_code="ZR", name=f"Bench region {i}") for i in range(missing)],
            ignore_conflicts=True,
        )
        regions = list(Region.objects.filter(level=2).order_by("code")[:n])
    return regions


def _phases(chosen, by_code) -> dict[str, int]:
    """module code -> phase, each module one phase after the deepest of its prerequisites (at most 4)."""
    placed: dict[str, int] = {}

    def place(module, depth=0) -> int:
        if module.code in placed or depth > 6:
            return placed.get(module.code, 1)
        phase = 1
        for prereq in module.prerequisites.all():
            phase = max(phase, place(by_code[prereq.code], depth + 1) + 1)
        placed[module.code] = min(phase, 4)
        return placed[module.code]

    for module in chosen:
        place(module)
    return placed


@transaction.atomic
def build(ctx: Context) -> None:
    from mapping.models import Finding, Theme
    from roadmap import demo, services
    from roadmap.models import Module, ModuleAction

    rng = random.Random(ctx.seed)
    n_modules, n_roadmaps = _sizes(ctx)
    library = demo.load_library()
    themes = {t.code: t for t in Theme.objects.filter(code__in=THEMES)}
    codes = list(library)
    for i in range(n_modules - len(library)):
        code = f"EXT-{i + 1:02d}"
        if Module.objects.filter(code=code).exists():
            codes.append(code)
            continue
        word = WORDS[i % len(WORDS)]
        prereqs = Module.objects.filter(code__in=rng.sample(codes, k=min(2, len(codes))))
        module = services.module_create(
            code=code,
            title=f"Regional {word} programme {i + 1}",
            summary=f"A {word} programme that extends the starter library for regions with specific needs.",
            title_fr=f"Programme régional {i + 1}",
            summary_fr="Un programme qui complète la bibliothèque de départ.",
            themes=[themes[c] for c in rng.sample(THEMES, k=2)],
            prerequisites=list(prereqs),
        )
        ModuleAction.objects.bulk_create(
            [
                ModuleAction(
                    module=module,
                    order=j,
                    title=f"{word.capitalize()} step {j}",
                    actor_type="hospital",
                    horizon=rng.choice(["short", "medium", "long"]),
                    cost_level=rng.choice(["low", "medium"]),
                    kpi="People reached",
                    kpi_target="1,000",
                )
                for j in range(1, 4)
            ]
        )
        services.module_publish(module=module, by=None)
        codes.append(code)
    modules = list(Module.objects.filter(status="published").prefetch_related("prerequisites").order_by("code"))
    by_code = {m.code: m for m in modules}
    regions = _regions(n_roadmaps)
    for region in regions:
        roadmap = services.roadmap_for_region(region=region)
        if roadmap.versions.exists():
            continue
        placed = _phases(rng.sample(modules, k=8), by_code)
        order = {}
        for code, phase in sorted(placed.items(), key=lambda kv: (kv[1], kv[0])):
            order[phase] = order.get(phase, 0) + 1
            try:
                services.roadmap_item_add(
                    roadmap=roadmap, module=by_code[code], phase=phase, order=order[phase], lock_version=None, by=None
                )
            except ValidationError:  # clipped to phase 4 beside its prerequisite: leave it out
                continue
        services.roadmap_publish(roadmap=roadmap, by=None)
        if not Finding.objects.filter(region=region).exists():
            Finding.objects.bulk_create(
                [
                    Finding(
                        region=region,
                        theme=themes[code],
                        kind=kind,
                        severity=rng.randint(1, 5),
                        title=f"{kind} in {code}",
                        status="confirmed",
                        source="desk",
                    )
                    for code, kind in zip(
                        rng.sample(THEMES, k=4), ["gap", "gap", "strength", "best_practice"], strict=True
                    )
                ]
            )
    ctx.shared["roadmap_region"] = regions[0].code


def measure(ctx: Context) -> list[Result]:
    client = Client()
    signed_in = Client()
    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-roadmap", defaults={"role": User.Role.STAKEHOLDER})
    signed_in.force_login(user)
    region = ctx.shared.get("roadmap_region", "FI1D")
    repeat = ctx.repeat(30, 5)
    results = [
        time_get(client, "/api/v1/search/?q=telemedicine", repeat, name="roadmap search API (words)", target_ms=100),
        time_get(client, "/api/v1/search/?q=biobnak+netwrok", repeat, name="roadmap search API (typos)", target_ms=100),
        time_get(
            client,
            "/api/v1/search/?q=g%C3%A9nomique&lang=fr",
            repeat,
            name="roadmap search API (French)",
            target_ms=100,
        ),
        # Signed in, so the page is rendered each time instead of coming from the public cache.
        time_get(
            signed_in, "/roadmap/?q=genomic+testing", repeat, name="roadmap search page (uncached)", target_ms=100
        ),
        time_get(signed_in, f"/roadmap/regions/{region}/", repeat, name="region roadmap page (uncached)"),
        time_get(client, f"/api/v1/regions/{region}/partners/", repeat, name="partner regions API"),
        time_get(client, "/api/v1/roadmaps/", repeat, name="roadmaps API list"),
    ]
    results += _throughput(ctx, region)
    return results


def _throughput(ctx: Context, region: str) -> list[Result]:
    seconds = 2.0 if ctx.quick else 6.0
    pages = {
        "/roadmap/": "roadmap home",
        "/roadmap/modules/GEN-01/": "module page",
        f"/roadmap/regions/{region}/": "region roadmap page",
    }
    results = []
    with Gunicorn(workers=2) as server:
        for path in ["/bench/ping/", *pages]:  # warm the workers, their connections and the page cache
            requests_per_second(server.port, path, 0.5)
        for path, label in pages.items():
            # The trivial view is measured right before and after each page, so both see the same machine load.
            before = requests_per_second(server.port, "/bench/ping/", seconds / 2)
            page = requests_per_second(server.port, path, seconds)
            after = requests_per_second(server.port, "/bench/ping/", seconds / 2)
            trivial = (before + after) / 2
            ratio = page / trivial
            results.append(
                Result(
                    name=f"gunicorn {label} vs trivial view",
                    value=f"{page:.0f} vs {trivial:.0f} req/s ({ratio:.0%})",
                    target=">= 50% of the trivial view",
                    ok=ratio >= 0.5,
                )
            )
    return results
