"""The app graph: import-linter's contract holds, fails on an upward import, and the plug-in registry
carries what the higher apps add to the pages of the lower ones."""

import io
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from saphire import plugins
from saphire.dashboard import Panel, PanelItem
from tests.factories import RegionFactory

ROOT = Path(__file__).resolve().parents[2]
# The copy takes every app the contract names, so a new app cannot be left out of it.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The apps' Python files and the contract, copied where a test may break them."""
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_the_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_copy_keeps_the_contract_before_it_is_broken(project_copy):
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "upward_import"),
    [
        ("regions/upward.py", "from mapping.analytics import region_theme_scores\n"),
        ("workshops/upward.py", "import reports.models\n"),
        ("roadmap/upward.py", "import participation.models\n"),
        ("notifications/upward.py", "from regions.models import Region\n"),
        # The core sits below every app, accounts included.
        ("saphire/upward.py", "from accounts.models import User\n"),
        # Inside a function counts too: the graph is about modules, not about when they load.
        ("accounts/upward.py", "def panels():\n    from regions import dashboard\n\n    return dashboard\n"),
    ],
)
def test_an_upward_import_breaks_the_contract(project_copy, module, upward_import):
    (project_copy / module).write_text(upward_import)
    result = lint_imports(project_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout


def test_make_test_stops_before_the_tests_on_an_upward_import(project_copy):
    (project_copy / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "test.py", project_copy / "scripts" / "test.py")
    (project_copy / "regions" / "upward.py").write_text("import roadmap.models\n")
    result = subprocess.run(
        [sys.executable, "scripts/test.py", "--collect-only"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "The app graph is broken" in result.stderr
    assert "regions.upward -> roadmap.models" in result.stderr


def test_a_downward_import_keeps_the_contract(project_copy):
    (project_copy / "reports" / "downward.py").write_text("from regions.models import Region\n")
    assert lint_imports(project_copy).returncode == 0


# The registry -----------------------------------------------------------------------------------------


def test_each_point_lists_the_apps_bottom_up():
    assert plugins.api_routes.app_labels() == [
        "accounts",
        "notifications",
        "regions",
        "mapping",
        "workshops",
        "roadmap",
        "participation",
        "reports",
    ]
    # Notifications' demo is about the objects of the apps above them, so the roadmap app adds it last.
    assert plugins.demo_loaders.app_labels() == [
        "accounts",
        "regions",
        "mapping",
        "workshops",
        "roadmap",
        "notifications",
        "participation",
        "reports",
    ]
    assert plugins.personal_data.app_labels() == ["notifications", "regions", "workshops"]
    assert plugins.interest_choices.app_labels() == ["regions", "mapping"]
    assert plugins.invitation_grants.app_labels() == ["regions"]
    assert plugins.dashboard_panels.app_labels() == ["regions", "mapping", "workshops", "roadmap", "reports"]
    assert plugins.region_profile_sections.app_labels() == ["mapping", "workshops", "roadmap", "reports"]
    assert plugins.map_indicators.app_labels() == ["mapping"]
    assert plugins.coordinator_admin_apps.app_labels() == [
        "regions",
        "mapping",
        "workshops",
        "roadmap",
        "participation",
        "reports",
    ]
    # What participation adds to the roadmap's pages, one app below it.
    for point in (
        plugins.roadmap_item_notes,
        plugins.module_evidence,
        plugins.roadmap_search,
        plugins.roadmap_links,
        plugins.interest_links,
    ):
        assert point.app_labels() == ["participation"], point


def test_an_app_registers_once_per_point():
    point = plugins.PluginPoint("examples")
    point.register("one", 1)
    with pytest.raises(ImproperlyConfigured, match="one registered examples twice"):
        point.register("one", 2)
    point.register("two", 2)
    assert list(point) == [1, 2]
    point.unregister("one")
    assert point.app_labels() == ["two"]


@pytest.fixture
def registered():
    """Register an entry under a label no app uses, and take it away afterwards."""
    added = []

    def register(point: plugins.PluginPoint, entry):
        point.register("graphtest", entry)
        added.append(point)

    yield register
    for point in added:
        point.unregister("graphtest")


def test_the_dashboard_shows_a_registered_panel(client_as, official, registered):
    registered(plugins.dashboard_panels, lambda user: [Panel("Graph test panel", [PanelItem(f"for {user.username}")])])
    response = client_as(official).get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Graph test panel" in body
    assert f"for {official.username}" in body


def test_the_map_offers_and_draws_a_registered_indicator(db, page_cache_off, registered):
    from regions.indicators import MapData, indicator_choices, map_data

    region = RegionFactory()
    registered(
        plugins.map_indicators,
        plugins.MapIndicators(
            prefix="graphtest:",
            choices=lambda: [("graphtest:x", "Graph test indicator")],
            data=lambda *, code, regions: MapData({r.id: 1.0 for r in regions}, {}, [], {r.id: code for r in regions}),
        ),
    )
    assert ("graphtest:x", "Graph test indicator") in indicator_choices()
    drawn = map_data(indicator="graphtest:x", regions=[region], level=region.level, version=region.nuts_version)
    assert drawn.values == {region.id: 1.0}
    assert drawn.labels == {region.id: "x"}


def test_the_mapping_scores_reach_the_map_through_the_registry(db):
    from mapping.models import Theme
    from regions.indicators import indicator_choices

    theme = Theme.objects.filter(is_active=True).first()  # the fixed themes come with the migrations
    assert f"score:{theme.code}" in dict(indicator_choices())


def test_load_demo_runs_the_registered_loaders_in_order(db, monkeypatch):
    calls = []
    point = plugins.PluginPoint("a demo loader")
    point.register("lower", lambda *, stdout: calls.append("lower"))
    point.register("higher", lambda *, stdout: calls.append("higher"))
    monkeypatch.setattr(plugins, "demo_loaders", point)
    call_command("load_demo", stdout=io.StringIO())
    assert calls == ["lower", "higher"]
