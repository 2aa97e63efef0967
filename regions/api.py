"""REST API of this app; `register` adds its viewsets to the project router."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from regions import permissions, selectors, serializers, services
from regions.filters import OrganisationFilter, RegionFilter
from regions.models import ORGANISATION_EDITABLE_FIELDS, Contact, OrganisationLink, PopulationGroup
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
        return selectors.organisation_list(user=self.request.user).prefetch_related(self._pending_revisions())

    def _pending_revisions(self) -> Prefetch:
        return Prefetch(
            "revisions",
            queryset=selectors.pending_revisions_visible_to(user=self.request.user),
            to_attr="visible_pending_revisions",
        )

    def _output(self, organisation) -> dict:
        organisation.visible_pending_revisions = list(
            selectors.pending_revisions_visible_to(user=self.request.user).filter(organisation=organisation)
        )
        return serializers.OrganisationSerializer(organisation).data

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return serializers.OrganisationInputSerializer
        if self.action in ("review", "review_changes"):
            return serializers.OrganisationReviewSerializer
        return serializers.OrganisationSerializer

    @extend_schema(responses={201: serializers.OrganisationSerializer})
    def create(self, request, *args, **kwargs):
        serializer = serializers.OrganisationInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = data.pop("region")
        try:
            organisation = services.organisation_register(
                data=data, region=region, user=request.user, approved=is_coordinator(request.user)
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        return Response(self._output(organisation), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.OrganisationInputSerializer,
        responses={
            200: serializers.OrganisationSerializer,
            202: OpenApiResponse(
                serializers.OrganisationSerializer,
                description="The changes await a coordinator's review (see pending_changes); the approved "
                "organisation is unchanged meanwhile.",
            ),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        organisation = self.get_object()
        if not permissions.can_edit_organisation(request.user, organisation):
            raise PermissionDenied("You cannot edit this organisation.")
        serializer = serializers.OrganisationInputSerializer(
            organisation, data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reviewed = not permissions.edits_apply_at_once(request.user, organisation)
        # A partial edit builds on the changes already awaiting review, if any.
        pending = services.organisation_pending_revision(organisation=organisation) if reviewed else None
        current = (
            pending.data if pending else {name: getattr(organisation, name) for name in ORGANISATION_EDITABLE_FIELDS}
        )
        region = data.pop("region", pending.region if pending else organisation.region)
        data = {name: data.get(name, current[name]) for name in ORGANISATION_EDITABLE_FIELDS}
        try:
            revision = services.organisation_update(
                organisation=organisation, data=data, region=region, user=request.user, reviewed=reviewed
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        organisation.refresh_from_db()
        code = status.HTTP_202_ACCEPTED if revision is not None else status.HTTP_200_OK
        return Response(self._output(organisation), status=code)

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
        return Response(self._output(organisation))

    @extend_schema(
        request=serializers.OrganisationReviewSerializer,
        responses=serializers.OrganisationSerializer,
        description="Approve or reject the changes awaiting review (404 when there are none).",
    )
    @action(detail=True, methods=["post"], url_path="review-changes")
    def review_changes(self, request, pk=None):
        organisation = self.get_object()
        if not permissions.can_review_organisation(request.user, organisation):
            raise PermissionDenied("Only coordinators approve changes to organisations.")
        revision = services.organisation_pending_revision(organisation=organisation)
        if revision is None:
            raise NotFound("No changes of this organisation await review.")
        serializer = serializers.OrganisationReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.organisation_revision_review(
                revision=revision,
                approve=serializer.validated_data["decision"] == "approve",
                note=serializer.validated_data["note"],
                user=request.user,
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        organisation.refresh_from_db()
        return Response(self._output(organisation))


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
                reviewed=not permissions.link_applies_at_once(request.user, source, target),
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

    @extend_schema(
        request=serializers.OrganisationReviewSerializer,
        responses={200: serializers.OrganisationLinkSerializer, 204: None},
        description="Approve a link awaiting review (200) or reject it, which deletes it (204).",
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        link = self.get_object()
        if not permissions.can_review_link(request.user, link):
            raise PermissionDenied("Only coordinators approve links.")
        serializer = serializers.OrganisationReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            link = services.link_review(link=link, approve=serializer.validated_data["decision"] == "approve")
        except DjangoValidationError as error:
            raise _drf_error(error) from None
        if link is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.get_serializer(link).data)


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
        raise _drf_error(error) from None
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


def register(router: DefaultRouter) -> None:
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
    router.register("regions", RegionViewSet, basename="region")
    router.register("population-groups", PopulationGroupViewSet, basename="population-group")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("organisation-links", OrganisationLinkViewSet, basename="organisation-link")
    router.register("contacts", ContactViewSet, basename="contact")


# Routes that are not viewsets (added under /api/v1/).
urlpatterns: list = [
    path("regions/<str:code>/indicators/", RegionIndicatorsView.as_view(), name="region-indicators"),
]
