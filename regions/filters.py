import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from regions.countries import countries_named
from regions.models import (
    IndicatorValue,
    Organisation,
    OrganisationKind,
    Region,
    RisGroup,
    ValueChainStage,
)
from regions.typologies import TYPOLOGY_CHOICES, typology_q

LEVEL_CHOICES = [("0", _("Country (NUTS 0)")), ("1", "NUTS 1"), ("2", "NUTS 2"), ("3", "NUTS 3")]


def search_regions(queryset: QuerySet, value: str) -> QuerySet:
    """Code prefix, Latin or national name ignoring accents and case ("Ita-Suomi"), or the country's name."""
    value = value.strip()
    if not value:
        return queryset
    matches = (
        Q(code__istartswith=value) | Q(name__unaccent__icontains=value) | Q(name_national__unaccent__icontains=value)
    )
    countries = countries_named(value)
    if countries:
        matches |= Q(country_code__in=countries)
    return queryset.filter(matches)


class RegionFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))
    country = django_filters.CharFilter(field_name="country_code", lookup_expr="iexact", label=_("Country"))
    level = django_filters.ChoiceFilter(choices=LEVEL_CHOICES, label=_("Level"), empty_label=_("All"))
    nuts_version = django_filters.NumberFilter(label=_("NUTS version"))
    typology = django_filters.ChoiceFilter(
        choices=TYPOLOGY_CHOICES, method="filter_typology", label=_("Typology"), empty_label=_("All")
    )
    innovation_group = django_filters.ChoiceFilter(
        choices=RisGroup.choices, field_name="ris_group", label=_("Innovation group"), empty_label=_("All")
    )

    class Meta:
        model = Region
        fields = ["search", "country", "level", "nuts_version", "typology", "innovation_group"]

    def filter_search(self, queryset, name, value):
        return search_regions(queryset, value)

    def filter_typology(self, queryset, name, value):
        return queryset.filter(typology_q(value))


class OrganisationFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    region = django_filters.CharFilter(field_name="region__code", lookup_expr="iexact", label=_("Region code"))
    country = django_filters.CharFilter(field_name="region__country_code", lookup_expr="iexact", label=_("Country"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"), empty_label=_("All"))
    stage = django_filters.ChoiceFilter(
        choices=ValueChainStage.choices, method="filter_stage", label=_("Value-chain stage"), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(choices=Organisation.Status.choices, label=_("Status"), empty_label=_("All"))

    class Meta:
        model = Organisation
        fields = ["search", "region", "country", "kind", "stage", "status"]

    def filter_stage(self, queryset, name, value):
        return queryset.filter(value_chain_stages__contains=[value])


class CodeListFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """One code or several separated by commas."""


class IndicatorValueFilter(django_filters.FilterSet):
    indicator = CodeListFilter(field_name="indicator__code", label=_("indicator codes, comma-separated"))
    year = django_filters.NumberFilter(field_name="year")
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")
    level = django_filters.ChoiceFilter(field_name="level", choices=LEVEL_CHOICES)
    country = django_filters.CharFilter(field_name="country_code", lookup_expr="iexact")
    nuts_version = django_filters.NumberFilter(field_name="nuts_version")
    region = CodeListFilter(field_name="region_code", label=_("NUTS codes, comma-separated"))

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "year", "level", "country", "nuts_version", "region"]
