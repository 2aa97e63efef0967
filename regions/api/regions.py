"""API of regions and population groups."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from regions import permissions, selectors, serializers, services
from regions.filters import RegionFilter
from regions.models import PopulationGroup
from saphire.schema import may_answer


class RegionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """NUTS regions with their typologies and profile. `GET /regions/{code}/?nuts_version=2024` picks a
    version when a code exists in two; PATCH edits the profile (coordinators and the region's officials)."""

    filterset_class = RegionFilter
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]{2,5}"
    ordering_fields = ["code", "name", "population"]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.region_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.RegionDetailSerializer
        if self.action == "partial_update":
            return serializers.RegionProfileInputSerializer
        return serializers.RegionSerializer

    def get_object(self):
        version = self.request.query_params.get("nuts_version")
        if version and not version.isdigit():
            raise ValidationError({"nuts_version": ["Give a year such as 2021 or 2024."]})
        return selectors.region_get(code=self.kwargs["code"], version=int(version) if version else None)

    @extend_schema(
        parameters=[OpenApiParameter("nuts_version", int, description="The NUTS version, when a code exists in two.")]
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(responses=serializers.RegionDetailSerializer)
    @may_answer(409)
    def partial_update(self, request, *args, **kwargs):
        region = self.get_object()
        if not permissions.can_edit_region(request.user, region):
            raise PermissionDenied("Only coordinators and this region's officials edit its profile.")
        serializer = serializers.RegionProfileInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "profile_version" not in data:
            raise ValidationError({"profile_version": ["Send the profile_version you read."]})
        expected = data.pop("profile_version")
        try:
            region = services.region_profile_update(
                region=region, data=data, expected_version=expected, user=request.user
            )
        except services.StaleEdit as error:
            return Response({"profile_version": [error.message]}, status=status.HTTP_409_CONFLICT)
        return Response(serializers.RegionDetailSerializer(region).data)


class PopulationGroupViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.population_group_list().order_by("name", "id")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return serializers.PopulationGroupInputSerializer
        return serializers.PopulationGroupSerializer

    def _check_regions(self, regions, group: PopulationGroup | None = None) -> None:
        foreign, removed = permissions.population_group_regions_refused(self.request.user, regions, group)
        if foreign or removed:
            raise PermissionDenied("Officials link and unlink only their own regions.")

    @extend_schema(responses={201: serializers.PopulationGroupSerializer})
    def create(self, request, *args, **kwargs):
        if not permissions.can_create_population_group(request.user):
            raise PermissionDenied("Only coordinators and regional officials add population groups.")
        serializer = serializers.PopulationGroupInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        regions = data.pop("regions")
        data.pop("version", None)
        self._check_regions(regions)
        group = services.population_group_create(data=data, regions=regions, user=request.user)
        return Response(serializers.PopulationGroupSerializer(group).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=serializers.PopulationGroupSerializer)
    @may_answer(409)
    def partial_update(self, request, *args, **kwargs):
        group = self.get_object()
        if not permissions.can_edit_population_group(request.user, group):
            raise PermissionDenied("Only coordinators and the officials of its regions edit this group.")
        serializer = serializers.PopulationGroupInputSerializer(group, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        regions = data.pop("regions", None)
        if regions is not None:
            self._check_regions(regions, group)
        else:
            regions = list(group.regions.all())
        expected = data.pop("version", group.version) if "version" in request.data else group.version
        try:
            group = services.population_group_update(
                group=group, data=data, regions=regions, expected_version=expected, user=request.user
            )
        except services.StaleEdit as error:
            return Response({"version": [error.message]}, status=status.HTTP_409_CONFLICT)
        return Response(serializers.PopulationGroupSerializer(group).data)
