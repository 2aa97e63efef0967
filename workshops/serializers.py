from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from regions.models import Region
from saphire import bounds
from workshops import timezones
from workshops.models import AgendaItem, Event, Registration, StakeholderKind, VoteOption, VotingRound


class AgendaItemOutput(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "starts_at", "ends_at", "title", "speakers"]


class AgendaItemInput(bounds.Serializer):
    starts_at = bounds.DateTimeField()
    ends_at = bounds.DateTimeField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=200)
    speakers = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class EventOutput(serializers.ModelSerializer):
    host_regions = serializers.SerializerMethodField()
    confirmed_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "status",
            "cancel_reason",
            "starts_at",
            "ends_at",
            "timezone",
            "venue",
            "capacity",
            "offer_hours",
            "confirmed_count",
            "registration_opens_at",
            "registration_deadline",
            "host_regions",
            "sequence",
            "url",
            "ics_url",
        ]

    def get_host_regions(self, event: Event) -> list[str]:
        return [region.code for region in event.host_regions.all()]

    def get_url(self, event: Event) -> str:
        return f"/events/{event.pk}/"

    def get_ics_url(self, event: Event) -> str:
        return f"/events/{event.pk}.ics"


class EventDetailOutput(EventOutput):
    agenda = AgendaItemOutput(many=True, source="agenda_items")
    waitlisted_count = serializers.IntegerField(read_only=True)

    class Meta(EventOutput.Meta):
        fields = [*EventOutput.Meta.fields, "waitlisted_count", "agenda"]


MAX_HOST_REGIONS = 50


class EventInput(bounds.Serializer):
    """Times are ISO 8601 instants with an offset (or Z); `timezone` is the venue's zone for display."""

    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=bounds.TEXT_MAX_LENGTH)
    host_regions = serializers.ListField(
        child=serializers.CharField(max_length=Region._meta.get_field("code").max_length),
        allow_empty=False,
        max_length=MAX_HOST_REGIONS,
    )
    starts_at = bounds.DateTimeField()
    ends_at = bounds.DateTimeField()
    timezone = serializers.CharField(default="Europe/Brussels", max_length=Event._meta.get_field("timezone").max_length)
    venue = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=Event._meta.get_field("venue").max_length
    )
    online_url = serializers.URLField(
        required=False, allow_blank=True, default="", max_length=Event._meta.get_field("online_url").max_length
    )
    capacity = serializers.IntegerField(min_value=0, max_value=Event.MAX_CAPACITY)
    registration_opens_at = bounds.DateTimeField(required=False, allow_null=True, default=None)
    registration_deadline = bounds.DateTimeField(required=False, allow_null=True, default=None)
    offer_hours = serializers.IntegerField(min_value=0, max_value=24 * 14, required=False, default=0)
    coordinators = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=User.objects.filter(role__in=["coordinator", "administrator"])
    )
    override_conflicts = serializers.BooleanField(required=False, default=False)

    def validate_host_regions(self, codes: list[str]) -> list[Region]:
        wanted = [code.strip().upper() for code in codes]
        regions = {r.code.upper(): r for r in Region.objects.filter(code__in=wanted)}
        unknown = [code for code in wanted if code not in regions]
        if unknown:
            raise serializers.ValidationError(_("Unknown region code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        return [regions[code] for code in dict.fromkeys(wanted)]

    def validate_timezone(self, name: str) -> str:
        if timezones.valid_zone_or_none(name) is None:
            raise serializers.ValidationError(_("Unknown time zone: use an IANA name like Europe/Brussels."))
        return name


class CancelInput(bounds.Serializer):
    reason = serializers.CharField(max_length=bounds.TEXT_MAX_LENGTH)


class RegistrationOutput(serializers.ModelSerializer):
    event = serializers.PrimaryKeyRelatedField(read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "event_title",
            "username",
            "role",
            "stakeholder_kind",
            "organisation",
            "status",
            "registered_at",
            "promoted_at",
        ]


class RegistrationInput(bounds.Serializer):
    stakeholder_kind = serializers.ChoiceField(choices=StakeholderKind.choices, default=StakeholderKind.OTHER)
    organisation = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=Registration._meta.get_field("organisation").max_length
    )
    role = serializers.ChoiceField(choices=Registration.Role.choices, default=Registration.Role.PARTICIPANT)


class VoteOptionOutput(serializers.ModelSerializer):
    votes = serializers.IntegerField(source="total", read_only=True)

    class Meta:
        model = VoteOption
        fields = ["id", "label", "votes"]


class VotingRoundOutput(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    ranking = serializers.SerializerMethodField()

    class Meta:
        model = VotingRound
        fields = [
            "id",
            "title",
            "region",
            "status",
            "votes_per_participant",
            "results",
            "anonymous",
            "opened_at",
            "closed_at",
            "ranking",
        ]

    @extend_schema_field(VoteOptionOutput(many=True, allow_null=True))
    def get_ranking(self, voting_round: VotingRound) -> list[dict] | None:
        """None while the results are hidden from the caller (before they vote, or until the round closes)."""
        ranking = self.context["rankings"].get(voting_round.pk)
        return None if ranking is None else VoteOptionOutput(ranking, many=True).data


class VotingRoundInput(bounds.Serializer):
    region = serializers.CharField(max_length=Region._meta.get_field("code").max_length)
    title = serializers.CharField(max_length=200)
    votes_per_participant = serializers.IntegerField(min_value=1, max_value=50, default=5)
    results = serializers.ChoiceField(choices=VotingRound.Results.choices, default=VotingRound.Results.AFTER_VOTE)
    anonymous = serializers.BooleanField(default=True)
    labels = serializers.ListField(child=serializers.CharField(max_length=200), required=False, default=list)
    findings = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=bounds.INT_MAX), required=False, default=list
    )


class BallotInput(bounds.Serializer):
    # A ballot never gives one option more than a round allows in all (VotingRoundInput's 50).
    votes = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=50), allow_empty=True)
