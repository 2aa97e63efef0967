from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mapping.models import Theme
from regions.typologies import TAG_CHOICES
from roadmap.models import (
    PHASES,
    ActorType,
    CostLevel,
    FundingInstrument,
    Horizon,
    Module,
    Pilot,
    RoadmapItem,
)
from saphire import bounds
from saphire.translated_forms import add_language_fields


class ModuleForm(bounds.Form):
    TRANSLATED = ["title", "summary"]

    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example GEN-01"))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes addressed"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    prerequisites = forms.ModelMultipleChoiceField(
        label=_("Prerequisite modules"),
        queryset=Module.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    funding_instruments = forms.ModelMultipleChoiceField(
        label=_("Funding instruments"),
        queryset=FundingInstrument.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    typologies = forms.MultipleChoiceField(
        label=_("Written for regions that are"),
        choices=TAG_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, module: Module | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, self.TRANSLATED)
        if module is not None:
            self.fields["code"].disabled = True
            self.fields["prerequisites"].queryset = Module.objects.exclude(pk=module.pk).order_by("code")


class ActionForm(bounds.Form):
    TRANSLATED = ["title", "description", "kpi", "kpi_target"]

    title = forms.CharField(label=_("Action"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    actor_type = forms.ChoiceField(label=_("Actor"), choices=ActorType.choices)
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices)
    cost_level = forms.ChoiceField(label=_("Cost"), choices=CostLevel.choices)
    kpi = forms.CharField(label=_("KPI"), max_length=200, required=False)
    kpi_target = forms.CharField(label=_("Target"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, self.TRANSLATED)


class EvidenceForm(bounds.Form):
    title = forms.CharField(label=_("Evidence or best practice"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False)


class ItemAddForm(bounds.Form):
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=Module.objects.filter(status=Module.Status.PUBLISHED).order_by("code"),
        to_field_name="code",
    )
    phase = forms.TypedChoiceField(label=_("Phase"), choices=PHASES, coerce=int)
    order = forms.IntegerField(label=_("Position in phase"), min_value=1, max_value=bounds.SMALLINT_MAX, required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ItemMoveForm(bounds.Form):
    phase = forms.TypedChoiceField(label=_("Phase"), choices=PHASES, coerce=int)
    order = forms.IntegerField(label=_("Position"), min_value=1, max_value=bounds.SMALLINT_MAX)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ItemUpdateForm(bounds.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RoadmapItem.Status.choices)
    progress = forms.IntegerField(label=_("Progress %"), min_value=0, max_value=100)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MilestoneForm(bounds.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RoadmapForm(bounds.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    vision = forms.CharField(label=_("Vision"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    phase_years = forms.IntegerField(label=_("Years per phase"), min_value=1, max_value=10)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PilotForm(bounds.Form):
    slug = forms.SlugField(label=_("Short name (in the address)"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    region_codes = forms.CharField(label=_("Regions (NUTS codes, comma-separated)"), max_length=500)
    modules = forms.ModelMultipleChoiceField(
        label=_("Modules addressed"),
        queryset=Module.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    lead_name = forms.CharField(
        label=_("Lead organisation"),
        max_length=200,
        required=False,
        help_text=_("Names of organisations registered in the pilot's regions are linked to their pages."),
    )
    partner_names = forms.CharField(
        label=_("Partner organisations (one per line)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    budget = forms.DecimalField(label=_("Budget (EUR)"), max_digits=14, decimal_places=2, required=False, min_value=0)
    start_date = forms.DateField(
        label=pgettext_lazy("start date", "Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=Pilot.Status.choices)
    funding = forms.CharField(
        label=_("Funding (one line each: instrument code, amount)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For example: interreg, 250000"),
    )

    def clean_funding(self):
        lines = []
        instruments = {f.code: f for f in FundingInstrument.objects.all()}
        for number, line in enumerate(self.cleaned_data["funding"].splitlines(), 1):
            if not line.strip():
                continue
            code, _sep, amount = line.partition(",")
            code = code.strip()
            if code not in instruments:
                raise forms.ValidationError(
                    _("Line %(n)s: unknown instrument “%(code)s”; use one of %(codes)s.")
                    % {"n": number, "code": code, "codes": ", ".join(sorted(instruments))}
                )
            try:
                value = forms.DecimalField(min_value=0).clean(amount.strip())
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(n)s: “%(amount)s” is not an amount in euros.") % {"n": number, "amount": amount.strip()}
                ) from None
            lines.append((instruments[code], value))
        return lines
