from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mapping.models import Campaign, Finding, FindingRule, Question, QuestionnaireVersion, Section, Theme
from regions.models import Region
from saphire import bounds
from saphire.translated_forms import add_language_fields, language_initial, language_values, other_languages


class QuestionnaireForm(bounds.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens; used in exports."))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SectionForm(bounds.Form):
    TRANSLATED = ["title", "description"]

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=bounds.SMALLINT_MAX, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, self.TRANSLATED)

    @classmethod
    def initial_for(cls, section: Section) -> dict:
        return {**language_initial(section, cls.TRANSLATED), "order": section.order}

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "order": data["order"],
            **language_values(data, self.TRANSLATED),
        }


class QuestionForm(bounds.Form):
    TRANSLATED = ["text", "help_text"]

    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Stable across versions, e.g. DATA-3."))
    kind = forms.ChoiceField(label=_("Type"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(label=_("Help text"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    weight = forms.FloatField(label=_("Weight"), min_value=0, initial=1)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One option per line: value | label | score 0-100 (optional) | label in each other language "
            "(optional, in the order %(languages)s). "
            "For a Likert scale, five lines of labels (value 1 to 5), or leave empty for the standard labels."
        ),
    )
    min_value = forms.FloatField(label=_("Minimum"), required=False)
    max_value = forms.FloatField(label=_("Maximum"), required=False)
    condition_question = forms.ModelChoiceField(
        label=_("Show only when question"), queryset=Question.objects.none(), required=False
    )
    condition_value = forms.CharField(
        label=_("has the answer"),
        max_length=100,
        required=False,
        help_text=_("An option value, yes or no, or a point on the scale (1-5)."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=bounds.SMALLINT_MAX, required=False)

    def __init__(self, *args, version: QuestionnaireVersion, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, self.TRANSLATED)
        self.fields["options"].help_text = self.fields["options"].help_text % {
            "languages": ", ".join(str(name) for _code, name in other_languages())
        }
        self.fields["section"].queryset = version.sections.all()
        others = version.questions.all()
        if question is not None:
            others = others.exclude(pk=question.pk)
        self.fields["condition_question"].queryset = others
        self.fields["condition_question"].label_from_instance = lambda q: f"{q.code}: {q.text[:60]}"

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        others = [getattr(question, f"option_labels_{code}", None) or {} for code, _name in other_languages()]
        lines = []
        for option in question.options or []:
            parts = [str(option.get("value", "")), option.get("label", "")]
            score = option.get("score")
            labels = [labels.get(str(option.get("value")), "") for labels in others]
            while labels and not labels[-1]:
                labels.pop()
            if score is not None or labels:
                parts.append("" if score is None else f"{score:g}")
            parts.extend(labels)
            lines.append(" | ".join(parts))
        return {
            "section": question.section_id,
            "code": question.code,
            "kind": question.kind,
            **language_initial(question, cls.TRANSLATED),
            "required": question.required,
            "theme": question.theme_id,
            "weight": question.weight,
            "options": "\n".join(lines),
            "min_value": question.min_value,
            "max_value": question.max_value,
            "condition_question": question.condition_question_id,
            "condition_value": question.condition_value,
            "order": question.order,
        }

    def clean_options(self):
        options = []
        labels = {code: {} for code, _name in other_languages()}
        for number, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise ValidationError(_("Line %(n)s: write value | label.") % {"n": number})
            option = {"value": parts[0], "label": parts[1]}
            if len(parts) > 2 and parts[2]:
                try:
                    score = float(parts[2])
                except ValueError:
                    raise ValidationError(
                        _("Line %(n)s: the score must be a number from 0 to 100.") % {"n": number}
                    ) from None
                if not 0 <= score <= 100:
                    raise ValidationError(_("Line %(n)s: the score must be a number from 0 to 100.") % {"n": number})
                option["score"] = score
            for (code, _name), label in zip(other_languages(), parts[3:], strict=False):
                if label:
                    labels[code][parts[0]] = label
            options.append(option)
        self.option_labels = labels
        return options

    def service_fields(self) -> dict:
        data = self.cleaned_data
        option_labels = getattr(self, "option_labels", {})
        return {
            "code": data["code"],
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            **language_values(data, self.TRANSLATED),
            "required": data["required"],
            "theme": data["theme"],
            "weight": data["weight"],
            "options": data["options"],
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "condition_question": data["condition_question"],
            "condition_value": data["condition_value"] or "",
            **{f"option_labels_{code}": labels for code, labels in option_labels.items()},
            "order": data["order"],
        }


class CampaignForm(bounds.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    version = forms.ModelChoiceField(
        label=_("Questionnaire version"),
        queryset=QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED).select_related(
            "questionnaire"
        ),
        help_text=_("Only published (frozen) versions can be sent."),
    )
    opens_on = forms.DateField(label=_("Opening date"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    region_codes = forms.CharField(
        label=_("Regions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("NUTS codes separated by spaces or commas, e.g. FI1D BE21 EL43."),
    )
    countries = forms.CharField(
        label=_("All NUTS 2 regions of these countries"), required=False, help_text=_("Country codes, e.g. FI SE NO.")
    )
    carry_over = forms.BooleanField(
        label=_("Carry over last accepted answers"),
        required=False,
        help_text=_(
            "Pre-fill each region's response from its previous accepted response to this questionnaire "
            "(questions matched by code). Officials confirm or change each carried-over answer."
        ),
    )

    def clean(self):
        data = super().clean()
        codes = {c.strip().upper() for c in (data.get("region_codes") or "").replace(",", " ").split() if c.strip()}
        countries = {c.strip().upper() for c in (data.get("countries") or "").replace(",", " ").split() if c.strip()}
        regions = list(Region.objects.filter(code__in=codes)) if codes else []
        unknown = codes - {r.code for r in regions}
        if unknown:
            self.add_error(
                "region_codes", _("Unknown region codes: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
            )
        if countries:
            regions += list(Region.objects.filter(country_code__in=countries, level=2).exclude(code__in=codes))
        if not regions and not self.errors:
            self.add_error("region_codes", _("Choose at least one region."))
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error("deadline", _("The deadline must be on or after the opening date."))
        data["regions"] = regions
        return data


class FindingForm(bounds.ModelForm):
    region_code = forms.CharField(label=_("Region (NUTS code)"), max_length=10)

    class Meta:
        model = Finding
        fields = ["theme", "kind", "severity", "title", "description", "evidence", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def clean_region_code(self):
        code = self.cleaned_data["region_code"].strip().upper()
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("No region has the code %(code)s.") % {"code": code})
        self.region = region
        return code


class FindingRuleForm(bounds.ModelForm):
    class Meta:
        model = FindingRule
        fields = ["theme", "comparison", "threshold", "kind", "severity", "is_active"]


class CampaignChoiceForm(bounds.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("Latest accepted per region"),
    )
    country = forms.CharField(label=_("Country"), max_length=2, required=False)
    innovation_group = forms.ChoiceField(
        label=_("Innovation group"),
        required=False,
        choices=[
            ("", _("Any")),
            ("leader", _("Innovation leader")),
            ("strong", _("Strong innovator")),
            ("moderate", _("Moderate innovator")),
            ("emerging", _("Emerging innovator")),
        ],
    )
    typology = forms.ChoiceField(label=_("Typology"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, campaigns, typologies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        labels = {
            "urban": _("Urban"),
            "intermediate": _("Intermediate"),
            "rural": _("Rural"),
            "island": _("Island"),
            "mountain": _("Mountain"),
            "coastal": _("Coastal"),
            "outermost": _("Outermost"),
            "nspa": _("Northern sparsely populated"),
        }
        self.fields["typology"].choices = [("", _("Any"))] + [(t, labels[t]) for t in typologies]
