"""REST API of this app; `register` adds its viewsets to the project router."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from regions import permissions, selectors, serializers, services
from regions.filters import OrganisationFilter, RegionFilter
from regions.models import Contact, OrganisationLink, PopulationGroup
from saphire.roles import is_coordinator, official_region_ids
from saphire.schema import may_answer


def _drf_error(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages})


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
        if is_coordinator(self.request.user):
            return
        own = official_region_ids(self.request.user)
        existing = {r.id for r in group.regions.all()} if group else set()
        if any(r.id not in own and r.id not in existing for r in regions) or (existing - {r.id for r in regions}) - own:
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


class OrganisationViewSet(viewsets.ModelViewSet):
    """Organisations of the regional ecosystems. Anyone signed in registers one (a coordinator approves it);
    the public sees approved ones only."""

    filterset_class = OrganisationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        return selectors.organisation_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return serializers.OrganisationInputSerializer
        if self.action == "review":
            return serializers.OrganisationReviewSerializer
        return serializers.OrganisationSerializer

    @extend_schema(responses={201: serializers.OrganisationSerializer})
    def create(self, request, *args, **kwargs):
        serializer = serializers.OrganisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = data.pop("region")
        try:
            organisation = services.organisation_register(
                data=data, region=region, user=request.user, approved=is_coordinator(request.user)
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        return Response(serializers.OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=serializers.OrganisationSerializer)
    def partial_update(self, request, *args, **kwargs):
        organisation = self.get_object()
        if not permissions.can_edit_organisation(request.user, organisation):
            raise PermissionDenied("You cannot edit this organisation.")
        serializer = serializers.OrganisationInputSerializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = data.pop("region", organisation.region)
        data = {
            name: data.get(name, getattr(organisation, name))
            for name in ["name", "kind", "value_chain_stages", "website", "description", "strengths"]
        }
        try:
            organisation = services.organisation_update(organisation=organisation, data=data, region=region)
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        return Response(serializers.OrganisationSerializer(organisation).data)

    @extend_schema(request=serializers.OrganisationReviewSerializer, responses=serializers.OrganisationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        organisation = self.get_object()
        if not permissions.can_review_organisation(request.user, organisation):
            raise PermissionDenied("Only coordinators approve organisations.")
        serializer = serializers.OrganisationReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_review(
            organisation=organisation,
            approve=serializer.validated_data["decision"] == "approve",
            note=serializer.validated_data["note"],
            user=request.user,
        )
        return Response(serializers.OrganisationSerializer(organisation).data)


class OrganisationLinkViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    serializer_class = serializers.OrganisationLinkSerializer

    def get_queryset(self):
        return selectors.link_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source, target = serializer.validated_data["source"], serializer.validated_data["target"]
        if not permissions.can_link_organisations(request.user, source, target):
            raise PermissionDenied("Only editors of one of the two organisations record a link.")
        try:
            link = services.link_create(
                source=source,
                target=target,
                kind=serializer.validated_data.get("kind", OrganisationLink.Kind.COLLABORATION),
                description=serializer.validated_data.get("description", ""),
                user=request.user,
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        return Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        link = self.get_object()
        if not permissions.can_link_organisations(request.user, link.source, link.target):
            raise PermissionDenied("Only editors of one of the two organisations remove a link.")
        link.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class ContactAccess(drf_permissions.BasePermission):
    message = "Contacts are visible to coordinators and regional officials only."

    def has_permission(self, request, view) -> bool:
        return permissions.can_use_contacts(request.user)


class ContactViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Personal data: coordinators see every contact, officials those of their regions' organisations.
    DELETE erases the person (a record of the erasure is kept); `export` returns all that is stored."""

    serializer_class = serializers.ContactSerializer
    permission_classes = [drf_permissions.IsAuthenticated, ContactAccess]

    def get_queryset(self):
        return selectors.contact_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        if not permissions.can_view_contacts(request.user, organisation):
            raise PermissionDenied("Only coordinators and the region's officials add contacts.")
        contact = services.contact_create(organisation=organisation, data=data, user=request.user)
        return Response(self.get_serializer(contact).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        contact: Contact = self.get_object()
        services.contact_erase(contact=contact, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=OpenApiTypes.OBJECT, description="Everything held about the contact (GDPR access).")
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        return Response(services.contact_export(contact=self.get_object()))


def register(router: DefaultRouter) -> None:
    router.register("regions", RegionViewSet, basename="region")
    router.register("population-groups", PopulationGroupViewSet, basename="population-group")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("organisation-links", OrganisationLinkViewSet, basename="organisation-link")
    router.register("contacts", ContactViewSet, basename="contact")


# Routes that are not viewsets (added under /api/v1/).
urlpatterns: list = []
