import datetime

import factory
from factory.django import DjangoModelFactory

from mapping import values as answer_values
from mapping.models import Answer, Campaign, Question, Questionnaire, QuestionnaireVersion, Response, Section
from tests.factories.core import RegionFactory, seed_theme


class QuestionnaireFactory(DjangoModelFactory):
    class Meta:
        model = Questionnaire

    code = factory.Sequence(lambda n: f"q{n}")
    title = factory.Sequence(lambda n: f"Questionnaire {n}")


class QuestionnaireVersionFactory(DjangoModelFactory):
    class Meta:
        model = QuestionnaireVersion

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = QuestionnaireVersion.Status.PUBLISHED


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(QuestionnaireVersionFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Section {n}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    version = factory.LazyAttribute(lambda q: q.section.version)
    code = factory.Sequence(lambda n: f"Q{n:03d}")
    order = factory.Sequence(lambda n: n)
    kind = Question.Kind.LIKERT
    text = factory.Sequence(lambda n: f"How mature is aspect {n}?")
    theme = factory.LazyFunction(lambda: seed_theme("DATA"))
    required = True


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Campaign {n}")
    version = factory.SubFactory(QuestionnaireVersionFactory)
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=20))

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.regions.set(extracted)


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def joined(obj, create, extracted, **kwargs):
        if create:
            obj.campaign.regions.add(obj.region)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = 3
    score = factory.LazyAttribute(lambda a: answer_values.score(a.question, a.value))
    revision = 1
