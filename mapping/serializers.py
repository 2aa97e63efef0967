from rest_framework import serializers

from mapping.models import (
    QUESTION_FIELDS,
    QUESTION_TEXTS,
    SECTION_TEXTS,
    Answer,
    Campaign,
    Finding,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ReviewComment,
    Section,
    Theme,
)
from saphire import bounds
from saphire.i18n_api import TranslationsField, english


class ThemeSerializer(bounds.ModelSerializer):
    name = english("name")
    description = english("description")
    translations = TranslationsField(fields=["name", "description"], read_only=True)

    class Meta:
        model = Theme
        fields = ["code", "name", "description", "order", "is_active", "translations"]


class QuestionSerializer(bounds.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    text = english("text")
    help_text = english("help_text")
    translations = TranslationsField(fields=QUESTION_TEXTS, option_labels=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "section", *QUESTION_FIELDS, "translations"]


class QuestionInputSerializer(bounds.Serializer):
    section = serializers.IntegerField()
    code = serializers.SlugField(max_length=40)
    order = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=bounds.SMALLINT_MAX)
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    text = serializers.CharField()
    help_text = serializers.CharField(required=False, allow_blank=True, default="")
    required = serializers.BooleanField(required=False, default=True)
    theme = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), required=False, allow_null=True
    )
    weight = serializers.FloatField(required=False, default=1.0, min_value=0)
    options = serializers.ListField(child=serializers.DictField(), required=False, default=list)
    min_value = serializers.FloatField(required=False, allow_null=True, default=None)
    max_value = serializers.FloatField(required=False, allow_null=True, default=None)
    condition = serializers.JSONField(
        required=False,
        default=dict,
        help_text='{"match": "all" or "any", "rules": [{"question": "CODE", "op": "eq", "value": "yes"}]}; '
        "ops: eq, ne, in (a list), lt, le, gt, ge, answered, unanswered.",
    )
    translations = TranslationsField(fields=QUESTION_TEXTS, option_labels=True)


class SectionSerializer(bounds.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    title = english("title")
    description = english("description")
    translations = TranslationsField(fields=SECTION_TEXTS, read_only=True)

    class Meta:
        model = Section
        fields = ["id", "order", "title", "description", "translations", "questions"]


class VersionSummarySerializer(bounds.ModelSerializer):
    class Meta:
        model = QuestionnaireVersion
        fields = ["id", "number", "status", "published_at", "based_on"]


class VersionSerializer(bounds.ModelSerializer):
    sections = SectionSerializer(many=True, read_only=True)
    questionnaire = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = QuestionnaireVersion
        fields = ["id", "questionnaire", "number", "status", "published_at", "based_on", "sections"]


class QuestionnaireSerializer(bounds.ModelSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)
    translations = TranslationsField(fields=["title", "description"], read_only=True)

    class Meta:
        model = Questionnaire
        fields = ["id", "code", "title", "description", "translations", "versions"]


class CampaignSerializer(bounds.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "title", "version", "regions", "opens_on", "deadline", "carry_over", "created_at"]


class CampaignInputSerializer(bounds.Serializer):
    title = serializers.CharField(max_length=200)
    version = serializers.PrimaryKeyRelatedField(queryset=QuestionnaireVersion.objects.all())
    regions = serializers.ListField(child=serializers.CharField(max_length=10), allow_empty=False)
    opens_on = serializers.DateField()
    deadline = serializers.DateField()
    carry_over = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Pre-fill each region's response from its previous accepted response to this questionnaire.",
    )


class ResponseSerializer(bounds.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Response
        fields = [
            "id",
            "campaign",
            "region",
            "status",
            "progress",
            "missing_count",
            "submitted_at",
            "accepted_at",
            "updated_at",
        ]


class ResponseStartSerializer(bounds.Serializer):
    campaign = serializers.IntegerField()
    region = serializers.CharField(max_length=10)


class ReturnSerializer(bounds.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict, help_text="Question id -> comment"
    )


class AnswerSerializer(bounds.ModelSerializer):
    question_code = serializers.CharField(source="question.code", read_only=True)
    answered_by = serializers.CharField(source="answered_by.username", read_only=True, default=None)

    class Meta:
        model = Answer
        fields = [
            "question",
            "question_code",
            "value",
            "score",
            "applicable",
            "revision",
            "evidence_source",
            "evidence_year",
            "evidence_note",
            "confidence",
            "carried_over",
            "answered_by",
            "updated_at",
        ]


class AnswerInputSerializer(bounds.Serializer):
    question = serializers.IntegerField(help_text="Question id (or give question_code)", required=False)
    question_code = serializers.CharField(required=False)
    value = serializers.JSONField(allow_null=True)
    revision = serializers.IntegerField(
        min_value=0, help_text="The revision this save is based on (0 for a new answer)"
    )
    evidence_source = serializers.CharField(required=False, allow_blank=True)
    evidence_year = serializers.IntegerField(
        required=False, allow_null=True, **bounds.db_range(Answer, "evidence_year")
    )
    evidence_note = serializers.CharField(required=False, allow_blank=True)
    confidence = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        if "question" not in attrs and "question_code" not in attrs:
            raise serializers.ValidationError({"question": "Give the question id or its code."})
        return attrs


class FindingSerializer(bounds.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "region",
            "theme",
            "kind",
            "severity",
            "title",
            "description",
            "evidence",
            "source",
            "status",
            "rule",
            "campaign",
            "created_at",
            "updated_at",
        ]


class FindingInputSerializer(bounds.Serializer):
    region = serializers.CharField(max_length=10)
    theme = serializers.SlugRelatedField(slug_field="code", queryset=Theme.objects.all())
    kind = serializers.ChoiceField(choices=Finding.Kind.choices)
    severity = serializers.IntegerField(min_value=1, max_value=5)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    source = serializers.ChoiceField(choices=Finding.Source.choices, default=Finding.Source.DESK)
    status = serializers.ChoiceField(choices=Finding.Status.choices, default=Finding.Status.CONFIRMED)


class FindingStatusSerializer(bounds.Serializer):
    """A PATCH moves the finding (any status, back to suggested included) and/or edits its wording."""

    status = serializers.ChoiceField(choices=Finding.Status.choices, required=False)
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True, max_length=bounds.TEXT_MAX_LENGTH)
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=bounds.TEXT_MAX_LENGTH)
    severity = serializers.IntegerField(min_value=1, max_value=5, required=False)
    kind = serializers.ChoiceField(choices=Finding.Kind.choices, required=False)

    def validate(self, data):
        if not data:
            raise serializers.ValidationError("Send a status or a field to change.")
        return data


class ReplyCommentSerializer(bounds.ModelSerializer):
    question_code = serializers.CharField(source="question.code", read_only=True, default=None)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = ReviewComment
        fields = ["id", "question", "question_code", "text", "created_by", "created_at"]


class ReviewThreadSerializer(ReplyCommentSerializer):
    """A thread: the coordinator's comment (on a question, or general when `question` is null) and its replies."""

    resolved_by = serializers.CharField(source="resolved_by.username", read_only=True, default=None)
    replies = ReplyCommentSerializer(source="thread_replies", many=True, read_only=True)

    class Meta:
        model = ReviewComment
        fields = ReplyCommentSerializer.Meta.fields + ["resolved", "resolved_by", "resolved_at", "replies"]


class ReplyInputSerializer(bounds.Serializer):
    text = serializers.CharField(max_length=4000)


class ResolveInputSerializer(bounds.Serializer):
    resolved = serializers.BooleanField(help_text="true resolves the thread, false reopens it.")


class TimelineChangeSerializer(serializers.Serializer):
    """Output only: one field of an entry, before and after."""

    field = serializers.CharField(read_only=True)
    before = serializers.CharField(read_only=True)
    after = serializers.CharField(read_only=True)


class TimelineEntrySerializer(serializers.Serializer):
    """Output only: one entry of a response's audit timeline."""

    at = serializers.DateTimeField(read_only=True)
    who = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(read_only=True)
    question = serializers.CharField(source="question.code", default=None, read_only=True)
    changes = serializers.SerializerMethodField()
    text = serializers.CharField(read_only=True)

    def get_changes(self, entry) -> list[dict]:
        return [{"field": f, "before": b, "after": a} for f, b, a in entry.changes]
