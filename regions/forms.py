from django import forms
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from regions import permissions, selectors
from regions.models import Contact, Organisation, OrganisationLink, PopulationGroup, Region, ValueChainStage
from regions.permissions import can_place_organisation_in
from regions.services import PROFILE_FIELDS
from regions.validators import validate_web_url
from saphire import bounds
from saphire.translated_forms import add_language_fields, language_initial, language_values


class RegionProfileForm(bounds.ModelForm):
    profile_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Region
        fields = PROFILE_FIELDS
        widgets = {"health_system_notes": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        if data.get("ris_subgroup") and not data.get("ris_group"):
            self.add_error("ris_subgroup", _("Choose the innovation group first."))
        return data


class RegionCodeField(forms.CharField):
    """A NUTS code typed by the user, resolved to a stored region."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return selectors.region_get(code=value.strip())
        except Http404:
            raise forms.ValidationError(_("No region has the NUTS code %(code)s.") % {"code": value}) from None


def _label(field: str):
    return capfirst(PopulationGroup._meta.get_field(field).verbose_name)


class PopulationGroupForm(bounds.ModelForm):
    TRANSLATED = ["name", "description", "conditions_more_frequent", "conditions_less_frequent"]

    # English under the plain names, the other languages added by add_language_fields; the view hands
    # them to the service by column (service_data), never through the model's active-language attribute.
    name = forms.CharField(label=_label("name"), max_length=200)
    description = forms.CharField(label=_label("description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    conditions_more_frequent = forms.CharField(
        label=_label("conditions_more_frequent"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One condition per line."),
    )
    conditions_less_frequent = forms.CharField(
        label=_label("conditions_less_frequent"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One condition per line."),
    )
    region_codes = forms.CharField(
        label=_("Regions"),
        help_text=_("NUTS codes separated by commas or spaces, e.g. FI1D, FI19."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PopulationGroup
        fields = ["sources"]
        widgets = {"sources": forms.Textarea(attrs={"rows": 3})}

    field_order = [*TRANSLATED, "sources", "region_codes"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        add_language_fields(self, self.TRANSLATED)
        if self.instance.pk and not self.is_bound:
            self.initial.update(language_initial(self.instance, self.TRANSLATED))
            self.initial["region_codes"] = ", ".join(r.code for r in self.instance.regions.all())
            self.initial["version"] = self.instance.version

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if PopulationGroup.objects.filter(name_en__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A population group with this name exists already."))
        return name

    def service_data(self) -> dict:
        """The texts by column (`name` is English, `name_fr`...) and the sources, for the service."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.TRANSLATED},
            **language_values(data, self.TRANSLATED),
            "sources": data["sources"],
        }

    def clean_region_codes(self):
        codes = [code.upper() for code in self.cleaned_data["region_codes"].replace(",", " ").split()]
        regions, unknown = [], []
        for code in dict.fromkeys(codes):
            try:
                regions.append(selectors.region_get(code=code))
            except Http404:
                unknown.append(code)
        if unknown:
            raise forms.ValidationError(_("Unknown NUTS codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        foreign, removed = permissions.population_group_regions_refused(self.user, regions, self.instance)
        if foreign:
            raise forms.ValidationError(
                _("You can only link your own regions; not %(codes)s.") % {"codes": ", ".join(r.code for r in foreign)}
            )
        if removed:
            raise forms.ValidationError(_("You cannot remove regions you are not an official of."))
        if not regions:
            raise forms.ValidationError(_("Give at least one region."))
        return regions


class OrganisationForm(bounds.ModelForm):
    region_code = RegionCodeField(label=_("Region (NUTS code)"), help_text=_("For example FI1D or BE21."))
    value_chain_stages = forms.MultipleChoiceField(
        label=_("Value-chain stages"),
        choices=ValueChainStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200, validators=[validate_web_url]
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "value_chain_stages", "website", "description", "strengths"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "strengths": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, proposed: dict | None = None, **kwargs):
        """`proposed`: changes of the organisation awaiting review, shown instead of the approved values."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.order_fields(["name", "region_code", "kind", "value_chain_stages", "website", "description", "strengths"])
        if self.instance.pk and not self.is_bound:
            self.initial["region_code"] = self.instance.region.code
            if proposed:
                self.initial.update(proposed)

    def clean_region_code(self):
        region = self.cleaned_data["region_code"]
        organisation = self.instance if self.instance.pk else None
        if region is not None and not can_place_organisation_in(self.user, region, organisation):
            raise forms.ValidationError(
                _("You can only place organisations in regions you are an official of; not %(code)s.")
                % {"code": region.code}
            )
        return region


class OrganisationReviewForm(bounds.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ContactForm(bounds.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "consent_given", "consent_note"]

    def clean(self):
        data = super().clean()
        if not data.get("consent_given"):
            self.add_error("consent_given", _("Record the person's consent before storing their contact details."))
        return data


class LinkForm(bounds.Form):
    target = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Linked organisation"))
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationLink.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, source: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Organisation.objects.filter(status=Organisation.Status.APPROVED)
            .exclude(pk=source.pk)
            .select_related("region")
            .only("id", "name", "region__code")
            .order_by("name")
        )
        self.fields["target"].label_from_instance = lambda org: f"{org.name} ({org.region.code})"
