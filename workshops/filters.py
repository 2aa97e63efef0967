import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.filters import search_regions
from regions.models import Region
from saphire import bounds
from workshops.models import Event


class EventFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("Region (code or name)"))
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("Kind"))
    # The calendar's labels point at these ids.
    status = django_filters.ChoiceFilter(
        choices=Event.Status.choices,
        label=_("Status"),
        empty_label=_("Any status"),
        widget=forms.Select(attrs={"id": "f-status"}),
    )
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        label=_("When"),
        empty_label=_("Any time"),
        widget=forms.Select(attrs={"id": "f-when"}),
    )
    starts_after = bounds.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = bounds.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Event
        fields = ["region", "kind", "status", "when"]

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        # As the region list's search: a code (its subregions too) or a name, accents and case ignored.
        hosts = search_regions(Region.objects.all(), value).values("pk")
        return queryset.filter(host_regions__in=hosts).distinct()

    def filter_when(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")
        if value == "past":
            return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        return queryset
