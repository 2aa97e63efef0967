from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories.core import RegionFactory, UserFactory
from workshops.models import Event, Registration, VoteOption, VotingRound


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=3))
    timezone = "Europe/Brussels"
    venue = "Palace of the Academies, Brussels"
    capacity = 30
    status = Event.Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(lambda e: None if e.status == Event.Status.PLANNED else timezone.now())

    @factory.post_generation
    def host_regions(obj, create, extracted, **kwargs):
        if create:
            obj.host_regions.set(extracted if extracted is not None else [RegionFactory()])

    @factory.post_generation
    def coordinators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.coordinators.set(extracted)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    registered_at = factory.LazyFunction(timezone.now)


class VotingRoundFactory(DjangoModelFactory):
    class Meta:
        model = VotingRound

    event = factory.SubFactory(EventFactory)
    region = factory.LazyAttribute(lambda r: r.event.host_regions.first())
    title = "Which barriers first?"
    votes_per_participant = 5


class VoteOptionFactory(DjangoModelFactory):
    class Meta:
        model = VoteOption

    voting_round = factory.SubFactory(VotingRoundFactory)
    label = factory.Sequence(lambda n: f"Barrier {n}")
    order = factory.Sequence(lambda n: n)
