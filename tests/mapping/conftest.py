import pytest

from mapping.models import Question, Response
from tests.factories import (
    CampaignFactory,
    QuestionFactory,
    QuestionnaireVersionFactory,
    SectionFactory,
    seed_theme,
)


@pytest.fixture
def version(db):
    """A published version: two sections, a Likert, yes/no, conditional number, choices and text."""
    version = QuestionnaireVersionFactory()
    data = seed_theme("DATA")
    edu = seed_theme("EDU")
    first = SectionFactory(version=version, order=1, title="Data", title_fr="Données")
    second = SectionFactory(version=version, order=2, title="Workforce")
    ehr = QuestionFactory(
        section=first,
        code="DATA-1",
        order=1,
        kind=Question.Kind.LIKERT,
        theme=data,
        weight=2,
        text="Are health records interoperable?",
        text_fr="Les dossiers de santé sont-ils interopérables ?",
    )
    registry = QuestionFactory(
        section=first,
        code="DATA-2",
        order=2,
        kind=Question.Kind.YES_NO,
        theme=data,
        text="Is there a regional genomic data registry?",
    )
    QuestionFactory(
        section=first,
        code="DATA-3",
        order=3,
        kind=Question.Kind.NUMBER,
        theme=data,
        min_value=0,
        max_value=1000,
        condition={"match": "all", "rules": [{"question": registry.code, "op": "eq", "value": "yes"}]},
        text="How many genomes does it hold (thousands)?",
    )
    QuestionFactory(
        section=second,
        code="EDU-1",
        order=1,
        kind=Question.Kind.SINGLE,
        theme=edu,
        options=[
            {"value": "none", "label": "None", "score": 0},
            {"value": "some", "label": "Some", "score": 50},
            {"value": "all", "label": "All", "score": 100},
        ],
        text="Which share of hospitals offers genetic counselling?",
    )
    QuestionFactory(
        section=second,
        code="EDU-2",
        order=2,
        kind=Question.Kind.MULTIPLE,
        theme=edu,
        options=[{"value": "md", "label": "Medical", "score": 50}, {"value": "nurse", "label": "Nursing", "score": 50}],
        text="Which curricula include genomics?",
    )
    QuestionFactory(
        section=second,
        code="EDU-3",
        order=3,
        kind=Question.Kind.TEXT,
        theme=edu,
        required=False,
        text="What training is planned?",
    )
    version.ehr = ehr
    return version


@pytest.fixture
def campaign(version, region, other_region):
    return CampaignFactory(version=version, regions=[region, other_region], title="Mapping 2026")


@pytest.fixture
def response(campaign, region):
    return Response.objects.create(campaign=campaign, region=region)


def q(version, code):
    return version.questions.get(code=code)


COMPLETE = {"DATA-1": "4", "DATA-2": "yes", "DATA-3": "120", "EDU-1": "some", "EDU-2": ["md"]}
