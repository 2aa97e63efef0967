from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from mapping.models import Campaign
from mapping.selectors import accepted_campaign_error, campaign_list
from regions.models import Region
from reports.models import RECOMMENDATION_FIELDS, RECOMMENDATION_TEXTS, Recommendation, Report, ReportBatch
from saphire import bounds
from saphire.i18n_api import TranslationsField, english

CAMPAIGN_NOT_FOR_REGION = "Choose one of your survey campaigns that includes this region."


class ReportRequestSerializer(bounds.Serializer):
    """Needs the request in its context: the campaign must be one the user may see, and include the region."""

    region = serializers.CharField(max_length=20, help_text="NUTS code of the region, e.g. FI1D (or its numeric id).")
    campaign = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Id of a survey campaign that includes the region, whose answers to use; "
        "absent: the region's latest accepted answers.",
    )

    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text="Language of the report; absent: the user's language.",
    )

    def validate_region(self, value: str) -> Region:
        value = value.strip()
        regions = Region.objects.order_by("-nuts_version")
        # Only ASCII digits that fit the id column are an id ("²" is a digit to str.isdigit, not to int).
        is_id = value.isascii() and value.isdigit() and int(value) <= 2**31 - 1
        region = regions.filter(pk=int(value)).first() if is_id else regions.filter(code=value.upper()).first()
        if region is None:
            raise serializers.ValidationError(f"No region has the code or id {value!r}.")
        return region

    def validate(self, attrs: dict) -> dict:
        campaign_id = attrs.get("campaign")
        if campaign_id is None:
            return attrs
        # One answer for a campaign that does not exist, one the user may not see and one without the
        # region: which ids exist is not revealed.
        user = self.context["request"].user
        campaign = campaign_list(user=user, counted=False).filter(pk=campaign_id, regions=attrs["region"]).first()
        if campaign is None:
            raise serializers.ValidationError({"campaign": [CAMPAIGN_NOT_FOR_REGION]})
        error = accepted_campaign_error(region=attrs["region"], campaign=campaign)
        if error:
            raise serializers.ValidationError({"campaign": [error]})
        return {**attrs, "campaign": campaign}


class ReportSerializer(bounds.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    campaign_title = serializers.CharField(source="campaign.title", read_only=True, default=None, allow_null=True)
    is_published = serializers.BooleanField(read_only=True)
    is_up_to_date = serializers.SerializerMethodField()
    urls = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "region",
            "region_name",
            "campaign",
            "campaign_title",
            "language",
            "status",
            "error",
            "fingerprint",
            "is_up_to_date",
            "attempts",
            "requeues",
            "requested_at",
            "started_at",
            "finished_at",
            "build_ms",
            "pdf_bytes",
            "is_published",
            "published_at",
            "summary",
            "urls",
        ]
        read_only_fields = fields

    def get_is_up_to_date(self, report: Report) -> bool | None:
        return getattr(report, "is_up_to_date", None)

    def get_urls(self, report: Report) -> dict[str, str]:
        urls = {"page": reverse("reports:report-detail", args=[report.pk])}
        if report.status == Report.Status.DONE:
            urls["html"] = reverse("reports-api-html", args=[report.pk])
            urls["pdf"] = reverse("reports-api-pdf", args=[report.pk])
        return urls


class BatchRequestSerializer(bounds.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Build the reports of this campaign's regions from its answers.",
    )
    regions = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="NUTS codes; empty or absent: every region of the campaign, or every EU NUTS 2 region.",
    )
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, help_text="Language of the reports; absent: the user's language."
    )

    def validate_regions(self, codes: list[str]) -> list[str]:
        codes = [c.strip().upper() for c in codes]
        known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise serializers.ValidationError(f"Unknown NUTS codes: {', '.join(unknown)}.")
        return codes


class BatchSerializer(bounds.ModelSerializer):
    progress = serializers.SerializerMethodField()
    failed = serializers.SerializerMethodField()

    class Meta:
        model = ReportBatch
        fields = ["id", "title", "campaign", "language", "created_at", "progress", "failed"]
        read_only_fields = fields

    def get_progress(self, batch: ReportBatch) -> dict:
        return self.context["progress"]

    def get_failed(self, batch: ReportBatch) -> list[dict]:
        return [{"id": r.pk, "region": r.region.code, "error": r.error} for r in self.context.get("failed", [])]


class RecommendationSerializer(bounds.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    funding_instruments = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    # Plain strings: the codes of regions.RisGroup and regions.typologies, named once in the schema there.
    ris_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    typologies = serializers.ListField(child=serializers.CharField(), read_only=True)
    title = english("title")
    text = english("text")
    translations = TranslationsField(fields=RECOMMENDATION_TEXTS, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", *RECOMMENDATION_TEXTS, "translations", *RECOMMENDATION_FIELDS, "version"]
        read_only_fields = fields
