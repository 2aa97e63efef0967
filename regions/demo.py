"""Demo data: the NUTS regions of all levels, curated typologies for a handful of them, an ecosystem of
organisations with links, and population groups with a distinct genetic background.

Typologies come from shared/domain.md (outermost regions under TFEU Art. 349, the NSPA regions, the
islands it lists). The innovation groups are illustrative values for trying the portal out, not the
Regional Innovation Scoreboard's own table, so no scoreboard year is recorded with them.
"""

from pathlib import Path

from django.conf import settings

from accounts.models import User
from regions import nuts, services
from regions.models import (
    Organisation,
    OrganisationKind,
    OrganisationLink,
    PopulationGroup,
    Region,
    RegionMembership,
)
from regions.statistics import importer as statistics_importer
from regions.statistics.parsers import StatisticsFileError
from saphire.datafiles import default_text, read_yaml, translated_columns

DEMO_VERSION = 2021
# The regions the demo official (a demo account, loaded before the regions) answers for.
DEMO_OFFICIAL = "official"
DEMO_OFFICIAL_REGIONS = ["FI1D", "BE21"]

OUTERMOST = ["FRY1", "FRY2", "FRY3", "FRY4", "FRY5", "ES70", "PT20", "PT30"]
NSPA = ["FI1D", "SE33", "SE32", "NO07"]
ISLANDS = ["FI20", "EL41", "EL42", "EL43", "ITG1", "ITG2", "ES53", "ES70", "FRM0", "MT00", "CY00", "PT20", "PT30"]
RIS_GROUPS = {
    "FI1B": ("leader", "+"),
    "SE11": ("leader", "+"),
    "BE24": ("leader", ""),
    "FI1D": ("strong", ""),
    "BE21": ("strong", "+"),
    "NL41": ("strong", "+"),
    "UKN0": ("strong", "-"),
    "HU11": ("moderate", "+"),
    "EL43": ("moderate", "-"),
    "ITG2": ("moderate", "-"),
    "ES70": ("emerging", "+"),
    "PT20": ("emerging", ""),
}
PROFILES = {
    "FI1D": {
        "health_system_notes": (
            "Long distances between patients and university hospitals; remote care and telemedicine matter for "
            "the sparsely populated north and east."
        )
    },
}

# name, region, kind, value-chain stages, website
ORGANISATIONS = [
    ("Oulu University Hospital", "FI1D", OrganisationKind.HOSPITAL, ["validation", "implementation"], "https://www.ppshp.fi"),
    ("University of Oulu", "FI1D", OrganisationKind.UNIVERSITY, ["research", "diagnostics"], "https://www.oulu.fi"),
    ("University of Eastern Finland", "FI1D", OrganisationKind.UNIVERSITY, ["research"], "https://www.uef.fi"),
    ("Kuopio University Hospital", "FI1D", OrganisationKind.HOSPITAL, ["validation", "implementation"], ""),
    ("Northern Finland Biobank Borealis", "FI1D", OrganisationKind.BIOBANK, ["research", "diagnostics"], ""),
    ("University of Antwerp", "BE21", OrganisationKind.UNIVERSITY, ["research", "diagnostics"], "https://www.uantwerpen.be"),
    ("Antwerp University Hospital", "BE21", OrganisationKind.HOSPITAL, ["validation", "implementation"], "https://www.uza.be"),
    (
        "Department of Economy, Science and Innovation (EWI)", "BE2", OrganisationKind.GOVERNMENT,
        ["regulation_hta", "implementation"], "https://www.ewi-vlaanderen.be",
    ),
    ("Public Health Agency Northern Ireland", "UKN0", OrganisationKind.GOVERNMENT, ["implementation", "citizens"], ""),
    ("EIT Health InnoStars", "HU11", OrganisationKind.CLUSTER, ["diagnostics", "implementation"], ""),
]  # fmt: skip
LINKS = [
    ("University of Oulu", "Oulu University Hospital", OrganisationLink.Kind.COLLABORATION),
    ("Northern Finland Biobank Borealis", "University of Oulu", OrganisationLink.Kind.DATA_SHARING),
    ("University of Eastern Finland", "Kuopio University Hospital", OrganisationLink.Kind.COLLABORATION),
    ("University of Antwerp", "Antwerp University Hospital", OrganisationLink.Kind.COLLABORATION),
    ("Department of Economy, Science and Innovation (EWI)", "Public Health Agency Northern Ireland", "project"),
    ("Department of Economy, Science and Innovation (EWI)", "EIT Health InnoStars", OrganisationLink.Kind.PROJECT),
    ("Oulu University Hospital", "Antwerp University Hospital", OrganisationLink.Kind.COLLABORATION),
]
POPULATION_GROUPS_FILE = Path(__file__).resolve().parent / "data" / "population_groups.yaml"
POPULATION_GROUP_TEXTS = ("name", "description", "conditions_more_frequent", "conditions_less_frequent")


def _load_nuts(stdout) -> None:
    nuts_file = getattr(settings, "NUTS_FILE", "")
    if nuts_file:
        try:
            result = nuts.nuts_import(path=Path(nuts_file), version=nuts.version_from_name(Path(nuts_file)))
            stdout.write(f"Regions from {nuts_file}: {result.summary()}")
            return
        except nuts.NutsImportError as error:
            stdout.write(f"Regions: NUTS_FILE could not be imported ({error}).")
    elif Region.objects.filter(nuts_version=DEMO_VERSION, geometry__isnull=False).exists():
        stdout.write(f"Regions: {Region.objects.count()} already loaded.")
        return
    else:
        try:
            path = nuts.nuts_download(version=DEMO_VERSION, scale="60M", timeout=20)
            result = nuts.nuts_import(path=path, version=DEMO_VERSION)
            stdout.write(f"Regions from {path}: {result.summary()}")
            return
        except nuts.NutsImportError as error:
            stdout.write(f"Regions: no NUTS file and no download ({error}).")
    created = services.regions_load_fallback()
    stdout.write(
        f"Regions: starting with {created} built-in regions (codes and names, no map); set NUTS_FILE or run "
        "`manage.py import_nuts --download` for all regions and the map."
    )


def _curate() -> None:
    regions = {r.code: r for r in Region.objects.filter(nuts_version=DEMO_VERSION, profile_version=0)}
    for code, region in regions.items():
        changes = {}
        if code in OUTERMOST:
            changes["is_outermost"] = True
        if code in NSPA:
            changes["is_nspa"] = True
        if code in ISLANDS:
            changes["is_island"] = True
        if code in RIS_GROUPS:
            changes["ris_group"], changes["ris_subgroup"] = RIS_GROUPS[code]
        changes.update(PROFILES.get(code, {}))
        changed = [name for name, value in changes.items() if getattr(region, name) != value]
        if changed:
            for name in changed:
                setattr(region, name, changes[name])
            region.save(update_fields=changed)


def _ecosystem() -> None:
    regions = {r.code: r for r in Region.objects.filter(nuts_version=DEMO_VERSION)}
    by_name = {}
    for name, code, kind, stages, website in ORGANISATIONS:
        region = regions.get(code)
        if region is None:
            continue
        organisation = Organisation.objects.filter(name__iexact=name, region=region).first()
        if organisation is None:
            organisation = services.organisation_register(
                data={"name": name, "kind": kind, "value_chain_stages": stages, "website": website},
                region=region,
                user=None,
                approved=True,
            )
        by_name[name] = organisation
    for source, target, kind in LINKS:
        if source in by_name and target in by_name:
            OrganisationLink.objects.get_or_create(
                source=by_name[source], target=by_name[target], defaults={"kind": kind}
            )
    for spec in read_yaml(POPULATION_GROUPS_FILE)["population_groups"]:
        linked = [regions[code] for code in spec["regions"] if code in regions]
        if not linked or PopulationGroup.objects.filter(name_en=default_text(spec["name"])).exists():
            continue
        texts = {}
        for field in POPULATION_GROUP_TEXTS:
            texts.update(translated_columns(field, spec.get(field)))
        group = PopulationGroup.objects.create(sources=spec.get("sources", ""), **texts)
        group.regions.set(linked)


def _load_statistics(stdout) -> None:
    folder = Path(settings.EUROSTAT_DIR) if getattr(settings, "EUROSTAT_DIR", "") else None
    paths = statistics_importer.shipped_files(folder) if folder and folder.is_dir() else []
    if not paths:
        stdout.write(f"Statistics: no Eurostat files in {folder}; profiles and the map show no statistics.")
        return
    try:
        results = statistics_importer.indicators_import(paths=paths)
    except StatisticsFileError as error:
        stdout.write(f"Statistics: {error} Nothing was imported.")
        return
    created = sum(r.created for r in results)
    updated = sum(r.updated for r in results)
    stdout.write(f"Statistics from {folder}: {len(results)} indicators, {created} values created, {updated} updated.")


def _memberships() -> None:
    # Loaded on its own (as in the regions' tests), the demo has no accounts to give regions to.
    official = User.objects.filter(username=DEMO_OFFICIAL).first()
    if official is None:
        return
    for region in Region.objects.filter(code__in=DEMO_OFFICIAL_REGIONS, nuts_version=DEMO_VERSION):
        RegionMembership.objects.get_or_create(user=official, region=region)


def load(*, stdout) -> None:
    _load_nuts(stdout)
    _load_statistics(stdout)
    _curate()
    _ecosystem()
    _memberships()
    stdout.write(
        f"Regions: {Organisation.objects.count()} organisations, {OrganisationLink.objects.count()} links, "
        f"{PopulationGroup.objects.count()} population groups."
    )
