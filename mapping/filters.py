import django_filters
from django.utils.translation import gettext_lazy as _

from mapping.models import Campaign, Finding, Response, Theme


class FindingFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", lookup_expr="iexact", label=_("Region code"))
    country = django_filters.CharFilter(field_name="region__country_code", lookup_expr="iexact", label=_("Country"))
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), to_field_name="code", label=_("Theme"))
    kind = django_filters.ChoiceFilter(choices=Finding.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Finding.Status.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=Finding.Source.choices, label=_("Source"))
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    min_severity = django_filters.NumberFilter(field_name="severity", lookup_expr="gte", label=_("Severity at least"))

    class Meta:
        model = Finding
        fields = ["region", "country", "theme", "kind", "status", "source", "campaign", "min_severity"]


class ResponseFilter(django_filters.FilterSet):
    campaign = django_filters.NumberFilter(field_name="campaign_id")
    region = django_filters.CharFilter(field_name="region__code", lookup_expr="iexact")
    status = django_filters.ChoiceFilter(choices=Response.Status.choices)

    class Meta:
        model = Response
        fields = ["campaign", "region", "status"]
