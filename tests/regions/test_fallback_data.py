"""The fallback regions' data file: its schema, and that it holds what the Python tuples held."""

from regions.fallback import DATA_FILE, FALLBACK_NUTS_VERSION, FALLBACK_REGIONS
from saphire.datafiles import read_yaml


def test_the_file_has_a_nuts_version_and_well_formed_regions():
    data = read_yaml(DATA_FILE)

    assert set(data) == {"nuts_version", "regions"}
    assert isinstance(data["nuts_version"], int)
    for row in data["regions"]:
        assert set(row) == {"code", "level", "name", "name_national"}, row
        assert isinstance(row["code"], str) and row["code"].isalnum() and row["code"].isupper(), row
        assert row["level"] in (0, 1, 2, 3) and len(row["code"]) == row["level"] + 2, row
        assert isinstance(row["name"], str) and row["name"], row
        assert isinstance(row["name_national"], str) and row["name_national"], row


def test_codes_are_unique_and_every_parent_is_in_the_file():
    codes = [code for code, *_rest in FALLBACK_REGIONS]
    levels = {code: level for code, level, *_rest in FALLBACK_REGIONS}

    assert len(codes) == len(set(codes))
    for code, level in levels.items():
        if level:
            assert levels.get(code[:-1]) == level - 1, code


def test_the_file_holds_the_regions_the_code_held():
    assert FALLBACK_NUTS_VERSION == 2021
    assert len(FALLBACK_REGIONS) == 92
    assert [sum(1 for row in FALLBACK_REGIONS if row[1] == level) for level in range(4)] == [16, 30, 46, 0]
    assert FALLBACK_REGIONS[0] == ("BE", 0, "Belgique/België", "Belgique/België")
    assert ("EL4", 1, "Nisia Aigaiou, Kriti", "Νησιά Αιγαίου, Κρήτη") in FALLBACK_REGIONS
    assert FALLBACK_REGIONS[-1] == ("UKN0", 2, "Northern Ireland", "Northern Ireland")
