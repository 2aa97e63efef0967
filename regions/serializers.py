"""API shapes only; writes go through regions.services."""

from django.http import Http404
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regions import selectors
from regions.maps import region_url
from regions.models import (
    Contact,
    Indicator,
    IndicatorValue,
    Organisation,
    OrganisationLink,
    OrganisationRevision,
    PopulationGroup,
    Region,
    ValueChainStage,
)
from regions.permissions import can_place_organisation_in
from regions.services import PROFILE_FIELDS
from saphire import bounds
from saphire.i18n_api import TranslationsField, english

REGION_FIELDS = [
    "id", "code", "nuts_version", "level", "country_code", "name", "name_national", "parent",
    "is_island", "is_outermost", "is_nspa", "mountain", "coastal", "urban_rural",
    "ris_group", "ris_subgroup", "ris_year", "population", "area_km2", "density", "label_point",
    "profile_version", "url",
]  # fmt: skip


class RegionSerializer(bounds.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    density = serializers.FloatField(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Region
        fields = REGION_FIELDS
        read_only_fields = REGION_FIELDS

    def get_url(self, region: Region) -> str:
        return region_url(region)


class RegionDetailSerializer(RegionSerializer):
    class Meta(RegionSerializer.Meta):
        fields = [*REGION_FIELDS, "health_system_notes", "geometry"]
        read_only_fields = fields


class RegionProfileInputSerializer(bounds.ModelSerializer):
    profile_version = serializers.IntegerField(
        min_value=0, help_text="The profile_version you read; a stale one is refused."
    )

    class Meta:
        model = Region
        fields = [*PROFILE_FIELDS, "profile_version"]
        extra_kwargs = {name: {"required": False} for name in PROFILE_FIELDS}


class RegionCodeListField(serializers.ListField):
    child = serializers.CharField()

    def to_internal_value(self, data):
        codes = super().to_internal_value(data)
        regions, unknown = [], []
        for code in dict.fromkeys(c.upper() for c in codes):
            try:
                regions.append(selectors.region_get(code=code))
            except Http404:
                unknown.append(code)
        if unknown:
            raise serializers.ValidationError(f"Unknown NUTS codes: {', '.join(unknown)}.")
        if not regions:
            raise serializers.ValidationError("Give at least one region.")
        return regions


POPULATION_GROUP_TEXTS = ("name", "description", "conditions_more_frequent", "conditions_less_frequent")


class PopulationGroupSerializer(bounds.ModelSerializer):
    regions = serializers.SerializerMethodField()
    name = english("name")
    description = english("description")
    conditions_more_frequent = english("conditions_more_frequent")
    conditions_less_frequent = english("conditions_less_frequent")
    translations = TranslationsField(fields=list(POPULATION_GROUP_TEXTS), read_only=True)

    class Meta:
        model = PopulationGroup
        fields = [
            "id", "name", "description", "regions", "conditions_more_frequent", "conditions_less_frequent",
            "sources", "version", "translations",
        ]  # fmt: skip

    def get_regions(self, group: PopulationGroup) -> list[str]:
        return [region.code for region in group.regions.all()]


class PopulationGroupInputSerializer(bounds.ModelSerializer):
    regions = RegionCodeListField()
    version = serializers.IntegerField(required=False, default=0, min_value=0)
    translations = TranslationsField(fields=list(POPULATION_GROUP_TEXTS))

    class Meta:
        model = PopulationGroup
        fields = [
            "name", "description", "regions", "conditions_more_frequent", "conditions_less_frequent", "sources",
            "version", "translations",
        ]  # fmt: skip


class OrganisationRevisionSerializer(bounds.ModelSerializer):
    """Changes proposed to an approved organisation, awaiting a coordinator."""

    region = serializers.CharField(source="region.code", read_only=True)
    name = serializers.CharField(source="data.name", read_only=True)
    kind = serializers.CharField(source="data.kind", read_only=True)
    value_chain_stages = serializers.ListField(
        child=serializers.CharField(), source="data.value_chain_stages", read_only=True
    )
    website = serializers.CharField(source="data.website", read_only=True)
    description = serializers.CharField(source="data.description", read_only=True)
    strengths = serializers.CharField(source="data.strengths", read_only=True)

    class Meta:
        model = OrganisationRevision
        fields = [
            "id", "region", "name", "kind", "value_chain_stages", "website", "description", "strengths", "status",
            "submitted_at",
        ]  # fmt: skip
        read_only_fields = fields


class OrganisationSerializer(bounds.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    region_nuts_version = serializers.IntegerField(source="region.nuts_version", read_only=True)
    pending_changes = serializers.SerializerMethodField(
        help_text="Changes awaiting review, shown to coordinators, the region's officials and who proposed them."
    )

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "region", "region_nuts_version", "kind", "value_chain_stages", "website",
            "description", "strengths", "status", "created_at", "pending_changes",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OrganisationRevisionSerializer(allow_null=True))
    def get_pending_changes(self, organisation: Organisation) -> dict | None:
        # The view prefetches the pending revisions the reader may see into this attribute.
        revisions = getattr(organisation, "visible_pending_revisions", None)
        return OrganisationRevisionSerializer(revisions[0]).data if revisions else None


class OrganisationInputSerializer(bounds.ModelSerializer):
    region = serializers.CharField(help_text="NUTS code, e.g. FI1D")
    value_chain_stages = serializers.ListField(
        child=serializers.ChoiceField(choices=ValueChainStage.choices), required=False, default=list
    )

    class Meta:
        model = Organisation
        fields = ["name", "region", "kind", "value_chain_stages", "website", "description", "strengths"]

    def validate_region(self, value: str) -> Region:
        try:
            region = selectors.region_get(code=value)
        except Http404:
            raise serializers.ValidationError(f"No region has the NUTS code {value}.") from None
        request = self.context.get("request")
        if request is not None and not can_place_organisation_in(request.user, region, self.instance):
            raise serializers.ValidationError(
                f"You can only place organisations in regions you are an official of; not {region.code}."
            )
        return region


class OrganisationReviewSerializer(bounds.Serializer):
    decision = serializers.ChoiceField(choices=["approve", "reject"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class OrganisationLinkSerializer(bounds.ModelSerializer):
    class Meta:
        model = OrganisationLink
        fields = ["id", "source", "target", "kind", "description", "status", "created_at"]
        read_only_fields = ["id", "status", "created_at"]
        # The pair check is the service's, with a clearer message than the unique validator's.
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            visible = selectors.organisation_list(user=request.user)
            self.fields["source"].queryset = visible
            self.fields["target"].queryset = visible


class ContactSerializer(bounds.ModelSerializer):
    class Meta:
        model = Contact
        fields = [
            "id", "organisation", "name", "role", "email", "phone", "consent_given", "consent_at", "consent_note",
            "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "consent_at", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["organisation"].queryset = selectors.organisation_list(user=request.user)

    def validate_consent_given(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError("Record the person's consent before storing their contact details.")
        return value


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "label",
            "unit",
            "dataset",
            "licence",
            "kind",
            "categories",
            "yes_codes",
            "levels",
            "year_note",
        ]
        read_only_fields = fields


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    source = serializers.CharField(source="indicator.licence", read_only=True)
    category_label = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator", "region_code", "nuts_version", "level", "country_code", "year", "value", "unit",
            "category", "category_label", "flags", "source",
        ]  # fmt: skip
        read_only_fields = fields

    def get_category_label(self, value: IndicatorValue) -> str:
        return value.indicator.categories.get(value.category, "") if value.category else ""
