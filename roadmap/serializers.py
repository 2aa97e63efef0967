from rest_framework import serializers

from roadmap.models import ModuleVersion, Pilot, RoadmapVersion
from saphire import bounds
from saphire.i18n import language_codes
from saphire.i18n_api import TranslationsField, english


class ModuleOutputSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="number")
    themes = serializers.ListField(source="theme_codes")
    prerequisites = serializers.ListField(source="prerequisite_codes")
    actions = serializers.SerializerMethodField()
    funding_instruments = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    title = english("title")
    summary = english("summary")
    translations = TranslationsField(fields=["title", "summary"], read_only=True)

    class Meta:
        model = ModuleVersion
        fields = [
            "code",
            "title",
            "summary",
            "translations",
            "version",
            "published_at",
            "themes",
            "horizons",
            "cost_levels",
            "prerequisites",
            "actions",
            "funding_instruments",
            "url",
        ]

    def get_actions(self, obj) -> list[dict]:
        return obj.data.get("actions", [])

    def get_funding_instruments(self, obj) -> list[dict]:
        return obj.data.get("funding", [])

    def get_url(self, obj) -> str:
        return f"/roadmap/modules/{obj.code}/"


class RoadmapOutputSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    version = serializers.IntegerField(source="number")
    items = serializers.SerializerMethodField()
    changes = serializers.ListField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = RoadmapVersion
        fields = [
            "region",
            "region_name",
            "title",
            "vision",
            "version",
            "published_at",
            "module_codes",
            "items",
            "changes",
            "url",
        ]

    def get_items(self, obj) -> list[dict]:
        return obj.data.get("items", [])

    def get_url(self, obj) -> str:
        return f"/roadmap/regions/{obj.region.code}/"


class PilotOutputSerializer(serializers.ModelSerializer):
    regions = serializers.SerializerMethodField()
    modules = serializers.SerializerMethodField()
    funding = serializers.SerializerMethodField()

    class Meta:
        model = Pilot
        fields = [
            "slug",
            "title",
            "summary",
            "status",
            "regions",
            "modules",
            "lead_name",
            "partner_names",
            "budget",
            "start_date",
            "end_date",
            "funding",
        ]

    def get_regions(self, obj) -> list[str]:
        return [r.code for r in obj.regions.all()]

    def get_modules(self, obj) -> list[str]:
        return [m.code for m in obj.modules.all()]

    def get_funding(self, obj) -> list[dict]:
        return [
            {"instrument": f.instrument.code, "name": f.instrument.name, "amount": str(f.amount)}
            for f in obj.funding.all()
        ]


class PartnerOutputSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    score = serializers.FloatField()
    summary = serializers.CharField(help_text="The score in words: how strong a match, how many gaps covered.")
    themes = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())
    alike = serializers.ListField(
        child=serializers.CharField(), help_text="What the two regions share: density, GDP, remoteness, innovation."
    )


class SharedGapOutputSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    themes = serializers.ListField(child=serializers.CharField())


class SearchQuerySerializer(bounds.Serializer):
    q = serializers.CharField(max_length=200, help_text="Words to look for; partial words and small typos are fine.")
    lang = serializers.ChoiceField(
        choices=language_codes(), required=False, help_text="The language whose stemming is tried first."
    )


class OtherResultOutputSerializer(serializers.Serializer):
    """A result another app adds to the search (saphire.plugins.roadmap_search), e.g. a best practice."""

    title = serializers.CharField(source="text")
    url = serializers.CharField()
    label = serializers.CharField()


class SearchOutputSerializer(serializers.Serializer):
    q = serializers.CharField()
    modules = ModuleOutputSerializer(many=True)
    roadmaps = RoadmapOutputSerializer(many=True)
    other = OtherResultOutputSerializer(many=True)


class PartnersOutputSerializer(serializers.Serializer):
    region = serializers.CharField()
    partners = PartnerOutputSerializer(many=True)
    shared_gaps = SharedGapOutputSerializer(many=True)
