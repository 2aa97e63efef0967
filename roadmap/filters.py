import django_filters
from django.utils.translation import gettext_lazy as _

from roadmap.models import FundingInstrument, Pilot


class PilotFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="regions__code", label=_("Region (NUTS code)"))
    module = django_filters.CharFilter(field_name="modules__code", label=_("Module code"))
    status = django_filters.ChoiceFilter(choices=Pilot.Status.choices, label=_("Status"))
    funding = django_filters.ModelChoiceFilter(
        field_name="funding__instrument",
        queryset=FundingInstrument.objects.all(),
        to_field_name="code",
        label=_("Funding instrument"),
    )
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title contains"))

    class Meta:
        model = Pilot
        fields = ["region", "module", "status", "funding", "q"]
