import factory
from factory.django import DjangoModelFactory

from reports.models import Recommendation, Report
from tests.factories.core import RegionFactory


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"rec-{n}")
    kind = Recommendation.Kind.POLICY
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    text = "Adopt a regional strategy for personalised medicine."
    min_severity = 3

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def funding_instruments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.funding_instruments.set(extracted)


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    region = factory.SubFactory(RegionFactory)
    fingerprint = factory.Sequence(lambda n: f"{n:064x}")
    status = Report.Status.QUEUED
