from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mapping.models import Campaign, Theme
from mapping.selectors import accepted_campaign_error, campaign_choices
from regions.models import Region, RisGroup
from regions.typologies import TYPOLOGY_CHOICES
from reports.models import RECOMMENDATION_FIELDS, RECOMMENDATION_TEXTS, Recommendation
from roadmap.models import FundingInstrument
from saphire import bounds
from saphire.i18n import stored_values
from saphire.translated_forms import add_language_fields, language_initial, language_values

CAMPAIGN_NOT_FOR_REGION = _("Choose one of your survey campaigns that includes this region.")


class ReportRequestForm(bounds.Form):
    region = forms.CharField(label=_("Region (NUTS code)"), max_length=10)
    campaign = forms.ModelChoiceField(
        label=_("Survey campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("Latest accepted answers"),
        error_messages={"invalid_choice": CAMPAIGN_NOT_FOR_REGION},
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = getattr(user, "language", "") or settings.LANGUAGE_CODE
        # Only the campaigns the user may see are offered or accepted: the choice reveals no other.
        self.fields["campaign"].queryset = campaign_choices(user=user).order_by("-opens_on")

    def clean_region(self) -> Region:
        code = self.cleaned_data["region"].strip().upper()
        region = Region.objects.filter(code=code).order_by("-nuts_version").first()
        if region is None:
            raise forms.ValidationError(_("No region has the NUTS code %(code)s."), params={"code": code})
        return region

    def clean(self):
        cleaned = super().clean()
        region, campaign = cleaned.get("region"), cleaned.get("campaign")
        if region is not None and campaign is not None and not campaign.regions.filter(pk=region.pk).exists():
            self.add_error("campaign", CAMPAIGN_NOT_FOR_REGION)
        elif region is not None and campaign is not None:
            # Reports speak only from accepted answers; say which campaign has them.
            error = accepted_campaign_error(region=region, campaign=campaign)
            if error:
                self.add_error("campaign", error)
        return cleaned


class BatchForm(bounds.Form):
    campaign = forms.ModelChoiceField(
        label=_("Survey campaign"),
        queryset=Campaign.objects.order_by("-opens_on"),
        required=False,
        empty_label=_("None: latest accepted answers"),
        help_text=_("With a campaign: the reports of its regions, from its answers."),
    )
    language = forms.ChoiceField(label=_("Language of the reports"), choices=settings.LANGUAGES, required=False)
    regions = forms.CharField(
        label=_("Regions"),
        required=False,
        help_text=_(
            "NUTS codes separated by commas or spaces; empty: every region of the campaign, or every EU NUTS 2 region."
        ),
    )

    def clean_regions(self) -> list[str]:
        codes = [c.strip().upper() for c in self.cleaned_data["regions"].replace(",", " ").split() if c.strip()]
        if codes:
            known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise forms.ValidationError(_("Unknown NUTS codes: %(codes)s."), params={"codes": ", ".join(unknown)})
        return codes


class RecommendationForm(bounds.ModelForm):
    TRANSLATED = RECOMMENDATION_TEXTS

    # English under the plain names; add_language_fields adds title_fr, text_fr... (saved explicitly
    # per language, never through the model's active-language attribute).
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}))
    themes = forms.ModelMultipleChoiceField(
        label=_("Triggering themes"), queryset=Theme.objects.filter(is_active=True), required=True
    )
    ris_groups = forms.MultipleChoiceField(
        label=_("Innovation groups"),
        choices=RisGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every group."),
    )
    typologies = forms.MultipleChoiceField(
        label=_("Typologies"),
        choices=TYPOLOGY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every region."),
    )
    funding_instruments = forms.ModelMultipleChoiceField(
        label=_("Funding instruments"),
        queryset=FundingInstrument.objects.order_by("level", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The instruments of the roadmap's funding list that fit this recommendation."),
    )

    class Meta:
        model = Recommendation
        fields = RECOMMENDATION_FIELDS

    field_order = ["code", "kind", "title", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, self.TRANSLATED)
        if self.instance.pk and not self.is_bound:
            self.initial.update(language_initial(self.instance, self.TRANSLATED))
            self.initial["funding_instruments"] = list(self.instance.funding_instruments.all())
            self.initial["themes"] = list(self.instance.themes.all())

    def _post_clean(self):
        super()._post_clean()
        data = getattr(self, "cleaned_data", {})
        texts = {name: data.get(name, "") for name in self.TRANSLATED}
        for name, value in {**stored_values(Recommendation, texts), **language_values(data, self.TRANSLATED)}.items():
            setattr(self.instance, name, value)
