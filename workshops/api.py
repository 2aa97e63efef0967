"""REST API of the events app: /api/v1/events/, its registrations and votes, and one's own registrations."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from mapping.models import Finding
from saphire.pagination import PageNumberPagination, page_parameters
from saphire.schema import may_answer
from workshops import permissions, selectors, services
from workshops.filters import EventFilter
from workshops.models import Registration, VotingRound
from workshops.serializers import (
    AgendaItemInput,
    AgendaItemOutput,
    BallotInput,
    CancelInput,
    EventDetailOutput,
    EventInput,
    EventOutput,
    RegistrationInput,
    RegistrationOutput,
    VotingRoundInput,
    VotingRoundOutput,
)


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Events the caller may see; coordinators create, change, confirm and cancel them."""

    filterset_class = EventFilter
    ordering_fields = ["starts_at", "title"]

    def get_queryset(self):
        events = selectors.event_list(user=self.request.user)
        if self.action == "retrieve":
            events = events.prefetch_related("agenda_items").annotate(
                waitlisted_count=selectors.count_of(Registration.Status.WAITLISTED)
            )
        return events.order_by("starts_at", "pk")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return EventInput
        return EventDetailOutput if self.action == "retrieve" else EventOutput

    def _fields(self, data: dict) -> dict:
        return {k: v for k, v in data.items() if k not in ("host_regions", "coordinators", "override_conflicts")}

    @extend_schema(request=EventInput, responses=EventOutput)
    def create(self, request, *args, **kwargs):
        if not permissions.can_create_event(request.user):
            raise PermissionDenied
        serializer = EventInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = services.event_create(
            created_by=request.user,
            host_regions=data["host_regions"],
            coordinators=data.get("coordinators"),
            override_conflicts=data["override_conflicts"],
            **self._fields(data),
        )
        return Response(EventOutput(selectors.event_list(user=request.user).get(pk=event.pk)).data, status=201)

    @extend_schema(request=EventInput, responses=EventOutput)
    def update(self, request, *args, **kwargs):
        event = self.get_object()
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
        serializer = EventInput(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.event_update(
            event=event,
            by=request.user,
            host_regions=data.get("host_regions"),
            coordinators=data.get("coordinators"),
            override_conflicts=data.get("override_conflicts", False),
            **self._fields(data),
        )
        return Response(EventOutput(selectors.event_list(user=request.user).get(pk=event.pk)).data)

    @extend_schema(request=None, responses=EventOutput)
    @may_answer(400)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        event = self.get_object()
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
        services.event_confirm(event=event, by=request.user)
        return Response(EventOutput(selectors.event_list(user=request.user).get(pk=event.pk)).data)

    @extend_schema(request=CancelInput, responses=EventOutput)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        event = self.get_object()
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
        serializer = CancelInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.event_cancel(event=event, reason=serializer.validated_data["reason"], by=request.user)
        return Response(EventOutput(selectors.event_list(user=request.user).get(pk=event.pk)).data)


def _event(request, pk: int):
    event = selectors.event_detail(user=request.user, pk=pk)
    if event is None:
        raise Http404
    return event


class EventRegistrationsApi(APIView):
    """GET: coordinators see every registration, others only their own. POST: register yourself."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(
        parameters=page_parameters(),
        responses=inline_serializer(
            "PaginatedEventRegistrations",
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": RegistrationOutput(many=True),
            },
        ),
    )
    def get(self, request, pk: int):
        event = _event(request, pk)
        registrations = selectors.event_participants(event=event).select_related("event")
        if not permissions.can_view_participants(request.user, event):
            registrations = registrations.filter(user=request.user)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(registrations, request, view=self)
        return paginator.get_paginated_response(RegistrationOutput(page, many=True).data)

    @extend_schema(request=RegistrationInput, responses={201: RegistrationOutput})
    def post(self, request, pk: int):
        event = _event(request, pk)
        if not permissions.can_register(request.user, event):
            raise PermissionDenied(services.registration_open_error(event, timezone.now()))
        serializer = RegistrationInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if not permissions.can_manage_event(request.user, event):
            data["role"] = Registration.Role.PARTICIPANT
        registration = services.registration_create(event=event, user=request.user, **data)
        return Response(RegistrationOutput(registration).data, status=status.HTTP_201_CREATED)


class EventAgendaApi(APIView):
    """GET: the agenda of a visible event. POST (coordinators): add an item within the event's time."""

    @extend_schema(responses=AgendaItemOutput(many=True))
    def get(self, request, pk: int):
        event = _event(request, pk)
        return Response(AgendaItemOutput(event.agenda_items.all(), many=True).data)

    @extend_schema(request=AgendaItemInput, responses={201: AgendaItemOutput})
    def post(self, request, pk: int):
        event = _event(request, pk)
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
        serializer = AgendaItemInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.agenda_item_add(event=event, **serializer.validated_data)
        return Response(AgendaItemOutput(item).data, status=status.HTTP_201_CREATED)


class EventVotesApi(APIView):
    """GET: the event's voting rounds with live rankings. POST (coordinators): open a round."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(responses=VotingRoundOutput(many=True))
    @may_answer(403)
    def get(self, request, pk: int):
        event = _event(request, pk)
        if not permissions.can_view_rounds(request.user, event):
            raise PermissionDenied
        rounds, rankings = _visible_rankings(request, event)
        return Response(VotingRoundOutput(rounds, many=True, context={"rankings": rankings}).data)

    @extend_schema(request=VotingRoundInput, responses={201: VotingRoundOutput})
    def post(self, request, pk: int):
        event = _event(request, pk)
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
        serializer = VotingRoundInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        region = event.host_regions.filter(code__iexact=data["region"]).first()
        if region is None:
            raise ValidationError({"region": [_("Choose one of the event's host regions.")]})
        voting_round = services.voting_round_open(
            event=event,
            region=region,
            title=data["title"],
            votes_per_participant=data["votes_per_participant"],
            results=data["results"],
            anonymous=data["anonymous"],
            findings=list(Finding.objects.filter(pk__in=data["findings"], region__in=event.host_regions.all())),
            labels=data["labels"],
            by=request.user,
        )
        rounds, rankings = _visible_rankings(request, event)
        return Response(
            VotingRoundOutput(next(r for r in rounds if r.pk == voting_round.pk), context={"rankings": rankings}).data,
            status=status.HTTP_201_CREATED,
        )


def _visible_rankings(request, event):
    """The event's rounds and the rankings the caller may see (a hidden one is left out)."""
    rounds, rankings = selectors.event_rounds_with_rankings(event=event)
    voted = selectors.rounds_voted_in(user=request.user, event=event)
    for voting_round in rounds:
        voting_round.event = event
        if not permissions.can_see_round_results(request.user, voting_round, has_voted=voting_round.pk in voted):
            rankings.pop(voting_round.pk, None)
    return rounds, rankings


class RoundBallotApi(APIView):
    """POST {"votes": {"<option id>": n}}: replaces the caller's votes in the round."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(request=BallotInput, responses=VotingRoundOutput)
    def post(self, request, pk: int, round_pk: int):
        event = _event(request, pk)
        voting_round = get_object_or_404(VotingRound.objects.select_related("event"), event=event, pk=round_pk)
        if not permissions.can_vote(request.user, voting_round):
            raise PermissionDenied
        serializer = BallotInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            allocations = {int(k): v for k, v in serializer.validated_data["votes"].items()}
        except ValueError:
            raise ValidationError({"votes": [_("Keys must be option ids.")]})
        services.ballot_submit(voting_round=voting_round, user=request.user, allocations=allocations)
        rounds, rankings = _visible_rankings(request, event)
        return Response(VotingRoundOutput(voting_round, context={"rankings": rankings}).data)


class RoundCloseApi(APIView):
    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(request=None, responses=VotingRoundOutput)
    @may_answer(400)
    def post(self, request, pk: int, round_pk: int):
        event = _event(request, pk)
        voting_round = get_object_or_404(VotingRound, event=event, pk=round_pk)
        if not permissions.can_manage_event(request.user, event):
            raise PermissionDenied
        services.voting_round_close(voting_round=voting_round, by=request.user)
        voting_round.refresh_from_db()
        rounds, rankings = _visible_rankings(request, event)
        return Response(VotingRoundOutput(voting_round, context={"rankings": rankings}).data)


class MyRegistrationViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The caller's own registrations; DELETE cancels one (the waiting list moves up)."""

    serializer_class = RegistrationOutput
    permission_classes = [drf_permissions.IsAuthenticated]
    filterset_fields = ["status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation runs without a user
            return Registration.objects.none()
        return selectors.registration_list(user=self.request.user)

    def perform_destroy(self, registration):
        if not permissions.can_cancel_registration(self.request.user, registration):
            raise PermissionDenied(_("This registration can no longer be cancelled: the event has started or ended."))
        services.registration_cancel(registration=registration)


def register(router: DefaultRouter) -> None:
    router.register("events", EventViewSet, basename="event")
    router.register("registrations", MyRegistrationViewSet, basename="registration")


urlpatterns: list = [
    path("events/<int:pk>/agenda/", EventAgendaApi.as_view(), name="event-agenda"),
    path("events/<int:pk>/registrations/", EventRegistrationsApi.as_view(), name="event-registrations"),
    path("events/<int:pk>/votes/", EventVotesApi.as_view(), name="event-votes"),
    path("events/<int:pk>/votes/<int:round_pk>/ballot/", RoundBallotApi.as_view(), name="event-vote-ballot"),
    path("events/<int:pk>/votes/<int:round_pk>/close/", RoundCloseApi.as_view(), name="event-vote-close"),
]
