import pytest

from roadmap import services
from tests.factories import AnswerFactory, QuestionFactory, ResponseFactory, published_module, seed_theme


def scored(region, theme_code: str, score: float):
    """An accepted mapping response of `region` whose one answer scores `score` in `theme_code`."""
    response = ResponseFactory(region=region, status="accepted")
    question = QuestionFactory(theme=seed_theme(theme_code), section__version=response.campaign.version)
    AnswerFactory(response=response, question=question, value=3, score=score)
    return response


def publish_roadmap(region, *modules_and_phases, by=None):
    roadmap = services.roadmap_for_region(region=region)
    for module, phase in modules_and_phases:
        services.roadmap_item_add(roadmap=roadmap, module=module, phase=phase, lock_version=None, by=by)
    return services.roadmap_publish(roadmap=roadmap, by=by)


@pytest.fixture
def library(db):
    """A small published library: a strategy, data infrastructure on top, telemedicine on top of that."""
    strategy = published_module("GOV-01", themes=["GOV"], title="Regional personalised medicine strategy")
    data = published_module(
        "DATA-01", themes=["DATA"], prerequisites=[strategy], title="Health-data infrastructure and interoperability"
    )
    tele = published_module(
        "ACCESS-01",
        themes=["ACCESS"],
        prerequisites=[data],
        title="Telemedicine for remote regions",
        title_fr="Télémédecine pour les régions éloignées",
        summary_fr="Consultations génétiques par vidéo pour les habitants des zones rurales.",
    )
    return {"GOV-01": strategy, "DATA-01": data, "ACCESS-01": tele}
