import pytest

from mapping.forms import CampaignChoiceForm
from mapping.models import Campaign
from regions import typologies
from regions.filters import RegionFilter
from regions.models import Region
from reports.models import Recommendation
from tests.factories import RegionFactory


def test_every_typology_reads_a_field_the_region_model_has():
    names = {field.name for field in Region._meta.get_fields()}

    assert {t.field for t in typologies.TYPOLOGIES.values()} <= names


def test_the_filters_the_analytics_and_the_recommendations_offer_the_same_typologies():
    form = CampaignChoiceForm(campaigns=Campaign.objects.none())
    codes = list(typologies.TYPOLOGIES)

    assert [code for code, _label in form.fields["typology"].choices][1:] == codes
    assert [code for code, _label in RegionFilter().filters["typology"].extra["choices"]] == codes
    assert [code for code, _label in Recommendation._meta.get_field("typologies").base_field.choices] == codes


@pytest.mark.django_db
def test_a_region_has_its_flags_and_urban_rural_class_as_typologies_and_its_group_as_a_tag():
    region = RegionFactory(code="PT20", is_island=True, is_outermost=True, urban_rural="rural", ris_group="emerging")

    assert typologies.region_typologies(region) == {"island", "outermost", "rural"}
    assert typologies.region_tags(region) == {"island", "outermost", "rural", "emerging"}


@pytest.mark.django_db
def test_typology_q_selects_the_regions_of_the_typology_and_ignores_unknown_codes():
    island = RegionFactory(code="EL43", is_island=True)
    mainland = RegionFactory(code="EL30", urban_rural="urban")

    assert list(Region.objects.filter(typologies.typology_q("island"))) == [island]
    assert list(Region.objects.filter(typologies.typology_q("urban"))) == [mainland]
    assert set(Region.objects.filter(typologies.typology_q("volcanic"))) == {island, mainland}
