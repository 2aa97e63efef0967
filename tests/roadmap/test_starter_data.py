"""The starter library's data file: its schema, and that it holds what the Python tuples held."""

import pytest

from mapping.themes import theme_names
from regions.typologies import INNOVATION_GROUPS, TYPOLOGIES
from roadmap import starter
from roadmap.demo import load_library
from roadmap.models import ActorType, CostLevel, FundingInstrument, Horizon, Module, ModuleAction
from saphire.i18n import default_language


def _is_texts(value, *, required: bool = True) -> bool:
    """A `{language: text}` mapping with the default language's text when the text is required."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return False
    return bool(value.get(default_language())) or not required


def _codes_are_unique(rows: list[dict]) -> bool:
    codes = [row["code"] for row in rows]
    return len(codes) == len(set(codes))


def test_the_file_has_themes_instruments_and_modules_with_unique_codes():
    data = starter.library()

    assert set(data) == {"funding_instruments", "modules"}
    for key in data:
        assert all(isinstance(row["code"], str) and row["code"] for row in data[key]), key
        assert _codes_are_unique(data[key]), key


def test_funding_instruments_have_a_name_a_level_and_a_url_field():
    for row in starter.funding_instruments():
        assert set(row) <= {"code", "name", "level", "description", "url"}, row["code"]
        assert _is_texts(row["name"]), row["code"]
        assert _is_texts(row.get("description", {}), required=False), row["code"]
        assert row["level"] in FundingInstrument.Level.values, row["code"]
        assert isinstance(row.get("url", ""), str), row["code"]


def test_modules_refer_only_to_existing_themes_instruments_modules_and_typologies():
    themes = set(theme_names())
    instruments = {row["code"] for row in starter.funding_instruments()}
    modules = {row["code"] for row in starter.modules()}
    typologies = set(TYPOLOGIES) | set(INNOVATION_GROUPS)
    keys = {"code", "title", "summary", "themes", "prerequisites", "funding", "typologies", "actions"}

    for module in starter.modules():
        assert set(module) == keys, module["code"]
        assert _is_texts(module["title"]) and _is_texts(module["summary"]), module["code"]
        assert module["themes"] and set(module["themes"]) <= themes, module["code"]
        assert set(module["prerequisites"]) <= modules - {module["code"]}, module["code"]
        assert set(module["funding"]) <= instruments, module["code"]
        assert set(module["typologies"]) <= typologies, module["code"]
        assert module["actions"], module["code"]
        for action in module["actions"]:
            assert _is_texts(action["title"]), module["code"]
            assert all(_is_texts(action.get(f, {}), required=False) for f in ("kpi", "kpi_target", "description"))
            assert action["actor_type"] in ActorType.values, module["code"]
            assert action["horizon"] in Horizon.values, module["code"]
            assert action["cost_level"] in CostLevel.values, module["code"]


def test_the_file_holds_the_library_the_code_held():
    modules = {row["code"]: row for row in starter.modules()}

    assert (len(theme_names()), len(starter.funding_instruments()), len(modules)) == (13, 10, 27)
    assert sum(len(row["actions"]) for row in modules.values()) == 59
    assert theme_names()["ACCESS"] == "Remote and rural access, telemedicine"
    research = starter.funding_instruments()[6]
    assert (research["code"], research["level"], research["url"]) == ("national-research", "national", "")
    assert research["name"]["en"] == "National research council grants"
    assert research["description"]["en"] == "National competitive research funding."
    coop = modules["COOP-02"]
    assert coop["title"]["en"] == "Cross-border reference services"
    assert coop["title"]["fr"] == "Services de référence transfrontaliers"
    assert (coop["themes"], coop["prerequisites"], coop["funding"]) == (
        ["COOP", "ACCESS"],
        ["COOP-01"],
        ["interreg", "eu4health"],
    )
    action = coop["actions"][1]
    assert (action["actor_type"], action["horizon"], action["cost_level"]) == ("hospital", "medium", "low")
    assert (action["title"]["en"], action["kpi"]["en"], action["kpi_target"]["en"]) == (
        "Join European Reference Networks",
        "ERNs joined",
        "5",
    )
    assert action["description"] == {}


@pytest.mark.django_db
def test_loading_writes_each_language_to_its_column_and_is_idempotent():
    load_library()
    counts = (FundingInstrument.objects.count(), Module.objects.count(), ModuleAction.objects.count())
    actions = set(ModuleAction.objects.values_list("pk", flat=True))
    load_library()

    assert (FundingInstrument.objects.count(), Module.objects.count(), ModuleAction.objects.count()) == counts
    assert counts == (10, 27, 59)
    assert set(ModuleAction.objects.values_list("pk", flat=True)) == actions  # unchanged actions are kept
    module = Module.objects.get(code="GOV-01")
    assert module.title_en == "Regional personalised medicine strategy"
    assert module.title_fr == "Stratégie régionale de médecine personnalisée"
    assert module.versions.get(is_current=True).data["title_fr"] == module.title_fr
    action = module.actions.get(order=2)
    assert (action.title_en, action.actor_type, action.kpi_target_en) == (
        "Adopt the strategy in the regional council",
        "government",
        "Within 18 months",
    )
    assert FundingInstrument.objects.get(code="erdf").name_en == "Cohesion funds (ERDF, ESF+)"
