"""API of the ecosystem: organisations, the links between them and their contacts."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from regions import permissions, selectors, serializers, services
from regions.filters import OrganisationFilter
from regions.models import ORGANISATION_EDITABLE_FIELDS, Contact, OrganisationLink
from saphire.api_errors import service_error


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
                data=data,
                region=region,
                user=request.user,
                approved=permissions.registration_applies_at_once(request.user),
            )
        except DjangoValidationError as error:
            raise service_error(error) from None
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
            raise service_error(error) from None
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
            raise service_error(error) from None
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
            raise service_error(error) from None
        return Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        link = self.get_object()
        if not permissions.can_link_organisations(request.user, link.source, link.target):
            raise PermissionDenied("Only editors of one of the two organisations remove a link.")
        services.link_delete(link=link)
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
            raise service_error(error) from None
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
