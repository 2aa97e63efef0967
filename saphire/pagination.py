from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


def _positive_int(raw: str, *, name: str, maximum: int | None = None) -> int:
    """A page or page size the client sent: a malformed one is a 400, not silently replaced by the default."""
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: [_("Give a whole number of at least 1.")]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise ValidationError({name: [_("Give at most %(maximum)d.") % {"maximum": maximum}]})
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    """`{count, next, previous, results}` with `?page=` and a capped `?page_size=`.

    A `page` past the last one is a 404 (DRF's "Invalid page."); a `page` or `page_size` that is not a
    positive whole number, or a `page_size` over the cap, is a 400 with the parameter's message.
    """

    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        return _positive_int(raw, name=self.page_size_query_param, maximum=self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        return _positive_int(raw, name=self.page_query_param)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


def page_parameters() -> list[OpenApiParameter]:
    """The `page`/`page_size` query parameters, for a view that paginates a list it builds by hand."""
    paginator = PageNumberPagination()
    return [
        OpenApiParameter(p["name"], p["schema"], description=p["description"], required=False)
        for p in paginator.get_schema_operation_parameters(view=None)
    ]
