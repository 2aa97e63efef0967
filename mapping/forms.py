from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mapping import conditions, selectors
from mapping.models import (
    QUESTION_TEXTS,
    SECTION_TEXTS,
    Campaign,
    Finding,
    FindingRule,
    Question,
    QuestionnaireVersion,
    Section,
    Theme,
)
from regions.models import Region, RisGroup
from regions.typologies import TYPOLOGY_CHOICES
from saphire import bounds
from saphire.i18n import marked_text
from saphire.translated_forms import add_language_fields, language_initial, language_values, other_languages


class QuestionnaireForm(bounds.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens; used in exports."))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SectionForm(bounds.Form):
    TRANSLATED = SECTION_TEXTS

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
    TRANSLATED = QUESTION_TEXTS
    RULE_ROWS = 4

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
    condition_match = forms.ChoiceField(
        label=_("Show this question when"),
        choices=[(conditions.ALL, _("all of the rules hold (and)")), (conditions.ANY, _("any rule holds (or)"))],
        required=False,
        initial=conditions.ALL,
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=bounds.SMALLINT_MAX, required=False)

    def __init__(self, *args, version: QuestionnaireVersion, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, self.TRANSLATED)
        self.fields["options"].help_text = self.fields["options"].help_text % {
            "languages": ", ".join(str(name) for _code, name in other_languages())
        }
        self.fields["section"].queryset = version.sections.all()
        others = [q for q in selectors.version_questions_in_order(version=version) if q != question]
        self.sources = {q.code: q for q in others}
        # Always one empty row to add a rule, however many the API stored.
        self.rule_count = max(self.RULE_ROWS, len(conditions.rules(question.condition if question else None)) + 1)
        self._add_rule_fields(others)

    def _add_rule_fields(self, others: list[Question]) -> None:
        questions = [("", _("(no rule)"))] + [(q.code, f"{q.code}: {marked_text(q, 'text', chars=60)}") for q in others]
        values = [(q.code, [(f"{q.code}={v}", label or v) for v, label in conditions.choice_values(q)]) for q in others]
        values = [group for group in values if group[1]]
        for row in range(self.rule_count):
            self.fields[f"rule_{row}_question"] = forms.ChoiceField(
                label=_("Question"), choices=questions, required=False
            )
            self.fields[f"rule_{row}_op"] = forms.ChoiceField(
                label=_("Operator"), choices=list(conditions.OPERATORS.items()), required=False, initial="eq"
            )
            self.fields[f"rule_{row}_values"] = forms.MultipleChoiceField(
                label=_("Answer"),
                choices=values,
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 4}),
                help_text=_("One answer, or several for “is any of”."),
            )
            self.fields[f"rule_{row}_number"] = forms.CharField(label=_("Number"), max_length=40, required=False)

    def basic_fields(self):
        return [field for field in self if not field.name.startswith("rule_") and field.name != "condition_match"]

    def rule_rows(self):
        return [
            [self[f"rule_{row}_{part}"] for part in ("question", "op", "values", "number")]
            for row in range(self.rule_count)
        ]

    def condition_sources(self) -> dict:
        """What the condition editor's script needs: each source question's type and fitting operators."""
        return {code: {"kind": q.kind, "ops": conditions.operators_for(q.kind)} for code, q in self.sources.items()}

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
            "order": question.order,
            **cls.condition_initial(question.condition),
        }

    @staticmethod
    def condition_initial(condition) -> dict:
        initial = {"condition_match": (condition or {}).get("match") or conditions.ALL}
        for row, rule in enumerate(conditions.rules(condition)):
            code, op, value = rule.get("question"), rule.get("op"), rule.get("value")
            initial[f"rule_{row}_question"] = code
            initial[f"rule_{row}_op"] = op
            if isinstance(value, float):
                initial[f"rule_{row}_number"] = f"{value:g}"
            elif isinstance(value, list):
                initial[f"rule_{row}_values"] = [f"{code}={v}" for v in value]
            elif value is not None:
                initial[f"rule_{row}_values"] = [f"{code}={value}"]
        return initial

    def clean(self):
        data = super().clean()
        rules = []
        for row in range(self.rule_count):
            code = data.get(f"rule_{row}_question")
            if not code:
                continue
            op = data.get(f"rule_{row}_op") or "eq"
            source = self.sources.get(code)
            chosen = [v.split("=", 1)[1] for v in data.get(f"rule_{row}_values") or [] if v.startswith(f"{code}=")]
            number = (data.get(f"rule_{row}_number") or "").strip()
            if op in conditions.PRESENCE:
                value = None
            elif op == "in":
                value = chosen
            elif source is not None and (source.kind == Question.Kind.NUMBER or op in ("lt", "le", "gt", "ge")):
                value = number or (chosen[0] if len(chosen) == 1 else "")
            elif len(chosen) != 1:
                self.add_error(
                    f"rule_{row}_values", _("Choose exactly one answer of %(code)s for this operator.") % {"code": code}
                )
                continue
            else:
                value = chosen[0]
            rules.append({"question": code, "op": op, "value": value})
        data["condition"] = {"match": data.get("condition_match") or conditions.ALL, "rules": rules} if rules else {}
        return data

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
            "condition": data["condition"],
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
    region_code = forms.CharField(
        label=_("Region"),
        max_length=210,
        help_text=_("Type a NUTS code or a name and pick the region from the list."),
        widget=forms.TextInput(attrs={"list": "region-choices", "autocomplete": "off"}),
    )

    class Meta:
        model = Finding
        fields = ["theme", "kind", "severity", "title", "description", "evidence", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def clean_region_code(self):
        # The list offers "CODE · Name"; a bare code typed by hand works too.
        code = self.cleaned_data["region_code"].split("·")[0].strip().upper()
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("No region has the code %(code)s.") % {"code": code})
        self.region = region
        return code


class FindingEditForm(bounds.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Finding.Kind.choices)
    severity = forms.IntegerField(
        label=_("Severity"), min_value=1, max_value=5, help_text=_("1 (minor) to 5 (critical)")
    )

    @staticmethod
    def initial_for(finding: Finding) -> dict:
        return {name: getattr(finding, name) for name in ("title", "description", "evidence", "kind", "severity")}


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
        choices=[("", _("Any")), *RisGroup.choices],
    )
    typology = forms.ChoiceField(label=_("Typology"), required=False, choices=[("", _("Any")), *TYPOLOGY_CHOICES])
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
