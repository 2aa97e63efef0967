"""API of the imported statistics: indicators and their values per region and year."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, viewsets

from regions import selectors, serializers
from saphire.api_errors import service_error


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Imported regional statistics and typologies: code, label, unit, source dataset and licence line."""

    serializer_class = serializers.IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_.-]+"
    filter_backends: list = []

    def get_queryset(self):
        return selectors.indicator_list()


VALUE_PARAMETERS = [
    OpenApiParameter("indicator", str, description="Indicator codes, comma-separated (see /indicators/)."),
    OpenApiParameter("year", int),
    OpenApiParameter("year_from", int),
    OpenApiParameter("year_to", int),
    OpenApiParameter("level", int, enum=[0, 1, 2, 3]),
    OpenApiParameter("country", str, description="Two-letter country code of the NUTS code (EL for Greece)."),
    OpenApiParameter("nuts_version", int, enum=[2021, 2024]),
    OpenApiParameter("region", str, description="NUTS codes, comma-separated."),
]


def _values_page(view, *, region_code: str | None = None):
    try:
        values = selectors.indicator_value_list(filters=view.request.query_params, region_code=region_code)
    except DjangoValidationError as error:
        raise service_error(error) from None
    page = view.paginate_queryset(values)
    return view.get_paginated_response(serializers.IndicatorValueSerializer(page, many=True).data)


class IndicatorValueViewSet(viewsets.GenericViewSet):
    """Values by indicator, year, level, country, NUTS version or region, each with its year, unit and flags."""

    serializer_class = serializers.IndicatorValueSerializer
    filter_backends: list = []

    @extend_schema(parameters=VALUE_PARAMETERS)
    def list(self, request):
        return _values_page(self)


class RegionIndicatorsView(generics.ListAPIView):
    """The values of one NUTS code in every coding it was published in (`nuts_version` tells which)."""

    serializer_class = serializers.IndicatorValueSerializer
    filter_backends: list = []

    @extend_schema(parameters=VALUE_PARAMETERS)
    def get(self, request, code):
        return _values_page(self, region_code=code.upper())
