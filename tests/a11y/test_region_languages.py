"""Native region names carry the language they are written in, part by part for bilingual names."""

import pytest

from regions.languages import name_parts
from regions.models import Region
from tests.factories import RegionFactory


def region(code, name, national=None):
    return Region(code=code, country_code=code[:2], level=len(code) - 2, name=name, name_national=national or name)


def parts(r, national=False):
    return [(p.text, p.lang, p.separator) for p in name_parts(r, national=national)]


def test_most_regions_take_their_countrys_language():
    assert parts(region("FI1D", "Pohjois- ja Itä-Suomi")) == [("Pohjois- ja Itä-Suomi", "fi", "")]
    assert parts(region("BE21", "Prov. Antwerpen")) == [("Prov. Antwerpen", "nl", "")]


@pytest.mark.parametrize(
    ("code", "name", "lang"),
    [
        ("BE3", "Région wallonne", "fr"),
        ("BE33", "Prov. Liège", "fr"),
        ("FI20", "Åland", "sv"),
        ("FI200", "Åland", "sv"),
        ("CH01", "Région lémanique", "fr"),
        ("CH07", "Ticino", "it"),
        ("CH04", "Zürich", "de"),
    ],
)
def test_regions_of_another_language_than_their_country(code, name, lang):
    assert parts(region(code, name)) == [(name, lang, "")]


def test_each_part_of_a_bilingual_name_has_its_language():
    brussels = region("BE10", "Région de Bruxelles-Capitale/Brussels Hoofdstedelijk Gewest")
    assert parts(brussels) == [
        ("Région de Bruxelles-Capitale", "fr", "/"),
        ("Brussels Hoofdstedelijk Gewest", "nl", ""),
    ]
    assert parts(region("ITH10", "Bolzano-Bozen")) == [("Bolzano-Bozen", "it", "")]  # no slash: one part
    assert parts(region("ITH1", "Provincia Autonoma di Bolzano/Bozen")) == [
        ("Provincia Autonoma di Bolzano", "it", "/"),
        ("Bozen", "de", ""),
    ]


def test_latin_transliterations_of_bulgarian_and_greek_names():
    sofia = region("BG41", "Yugozapaden", "Югозападен")
    assert parts(sofia) == [("Yugozapaden", "bg-Latn", "")]
    assert parts(sofia, national=True) == [("Югозападен", "bg", "")]
    attica = region("EL30", "Attiki", "Αττική")
    assert parts(attica) == [("Attiki", "el-Latn", "")]
    assert parts(attica, national=True) == [("Αττική", "el", "")]


@pytest.mark.django_db
def test_profile_and_list_mark_the_languages(client):
    RegionFactory(
        code="BE10",
        level=1,
        name="Région de Bruxelles-Capitale/Brussels Hoofdstedelijk Gewest",
        name_national="Région de Bruxelles-Capitale/Brussels Hoofdstedelijk Gewest",
    )
    RegionFactory(code="EL30", level=1, name="Attiki", name_national="Αττική")

    profile = client.get("/regions/BE10/").content.decode()
    listing = client.get("/regions/").content.decode()

    brussels = (
        '<span lang="fr">Région de Bruxelles-Capitale</span>/<span lang="nl">Brussels Hoofdstedelijk Gewest</span>'
    )
    assert brussels in profile
    assert '<span lang="el-Latn">Attiki</span>' in listing
    assert '<span lang="el">Αττική</span>' in listing
    assert 'lang=""' not in profile + listing
