"""Roadmap texts per language: the public pages in French, the builder, the API."""

import pytest
from django.utils import translation

from roadmap import services
from roadmap.models import ModuleVersion
from tests.factories import published_module

pytestmark = pytest.mark.django_db


def french(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_module_page_in_french_shows_french_and_marks_english(client, library):
    page = french(client, "/roadmap/modules/ACCESS-01/")

    assert "<h1>Télémédecine pour les régions éloignées</h1>" in page
    # The actions have no French yet: English, in its own language, said to be English.
    assert '<h3><span lang="en">' in page
    assert '<span class="content-fallback">(Anglais)</span>' in page


def test_module_page_in_english_has_no_marker(client, library):
    page = client.get("/roadmap/modules/ACCESS-01/").content.decode()

    assert "<h1>Telemedicine for remote regions</h1>" in page
    assert "content-fallback" not in page


def test_publishing_from_a_french_session_keeps_each_language_in_its_place(library):
    module = library["ACCESS-01"]

    with translation.override("fr"):
        services.module_update(
            module=module,
            lock_version=None,
            title="Telemedicine and telegenetics",
            summary=module.summary_en,
            themes=module.themes.all(),
            prerequisites=module.prerequisites.all(),
            funding_instruments=[],
            title_fr="Télémédecine et télégénétique",
        )
        version = services.module_publish(module=module, by=None)

    version = ModuleVersion.objects.get(pk=version.pk)
    assert (version.title_en, version.title_fr) == ("Telemedicine and telegenetics", "Télémédecine et télégénétique")
    assert version.data["title"] == "Telemedicine and telegenetics"
    assert version.data["title_fr"] == "Télémédecine et télégénétique"


def test_action_translations_are_published_and_searchable(library):
    module = published_module("EDU-01", themes=["EDU"], title="Genomics training")
    services.module_action_add(
        module=module,
        title="Train genetic counsellors",
        title_fr="Former des conseillers en génétique",
        actor_type="university",
        horizon="medium",
        cost_level="medium",
    )
    services.module_publish(module=module, by=None)

    from roadmap import selectors

    found = [v.code for v in selectors.public_modules(q="conseillers", lang="fr")]
    assert found == ["EDU-01"]
    data = ModuleVersion.objects.get(code="EDU-01", is_current=True).data
    assert data["actions"][-1]["title_fr"] == "Former des conseillers en génétique"


def test_api_gives_english_under_the_plain_names_and_the_other_languages_under_translations(client, library):
    modules = {m["code"]: m for m in client.get("/api/v1/modules/").json()["results"]}

    tele = modules["ACCESS-01"]
    assert tele["title"] == "Telemedicine for remote regions"
    assert tele["translations"] == {
        "fr": {
            "title": "Télémédecine pour les régions éloignées",
            "summary": "Consultations génétiques par vidéo pour les habitants des zones rurales.",
        }
    }
    # One shape for every language: no per-language columns such as title_fr at the top level.
    assert not [key for key in tele if key.endswith("_fr")]
    assert modules["GOV-01"]["translations"] == {}


def test_builder_saves_the_french_inputs(client_as, coordinator, library):
    module = library["GOV-01"]

    reply = client_as(coordinator).post(
        f"/roadmap/library/{module.code}/",
        {
            "title": "Regional strategy",
            "title_fr": "Stratégie régionale",
            "summary": "A strategy.",
            "summary_fr": "",
            "lock_version": module.lock_version,
        },
    )

    assert reply.status_code == 302
    module.refresh_from_db()
    assert (module.title_en, module.title_fr, module.summary_en) == (
        "Regional strategy",
        "Stratégie régionale",
        "A strategy.",
    )
