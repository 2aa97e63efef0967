import factory
from factory.django import DjangoModelFactory

from regions.models import Contact, Organisation, OrganisationKind, OrganisationLink, PopulationGroup
from tests.factories.core import RegionFactory

SQUARE = {"type": "Polygon", "coordinates": [[[24.0, 64.0], [26.0, 64.0], [26.0, 66.0], [24.0, 66.0], [24.0, 64.0]]]}


class PopulationGroupFactory(DjangoModelFactory):
    class Meta:
        model = PopulationGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Population group {n}")
    description = "A founder population."

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.regions.set(extracted)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.HOSPITAL
    value_chain_stages = factory.LazyFunction(lambda: ["research", "diagnostics"])
    status = Organisation.Status.APPROVED


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact Person {n}")
    role = "Research director"
    email = factory.Sequence(lambda n: f"contact{n}@example.eu")
    consent_given = True


class OrganisationLinkFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationLink

    source = factory.SubFactory(OrganisationFactory)
    target = factory.SubFactory(OrganisationFactory)
