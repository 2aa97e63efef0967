"""HTML input validation for participation pages; the services check the rules."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mapping.models import Theme
from participation.models import BEST_PRACTICE_FIELDS, WHOLE_ROADMAP, BestPractice, Comment
from regions.models import Region
from roadmap.models import Module
from saphire import bounds

HONEYPOT = "website"


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard and screen readers) that bots fill in."""

    website = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=bounds.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    start_date = forms.DateField(
        label=pgettext_lazy("start date", "Start"),
        validators=[bounds.validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end_date = forms.DateField(
        label=_("End"), validators=[bounds.validate_sane_date], widget=forms.DateInput(attrs={"type": "date"})
    )


class CommentForm(HoneypotMixin):
    item_code = forms.CharField(
        required=False, max_length=Comment._meta.get_field("item_code").max_length, widget=forms.HiddenInput
    )
    parent = forms.IntegerField(required=False, min_value=1, max_value=bounds.INT_MAX, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown is allowed. Comments are public."),
    )
    as_region_answer = forms.BooleanField(label=_("Answer on behalf of the region"), required=False)

    def __init__(self, *args, can_answer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_answer:
            del self.fields["as_region_answer"]

    def clean_item_code(self) -> str:
        return self.cleaned_data.get("item_code") or WHOLE_ROADMAP


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ItemChangeForm(forms.Form):
    item_code = forms.ChoiceField(label=_("Item"))
    description = forms.CharField(
        label=_("What changed"), max_length=bounds.TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    comments = forms.ModelMultipleChoiceField(
        label=_("Comments it answers"), queryset=Comment.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [(WHOLE_ROADMAP, _("The roadmap as a whole"))] + [
            (item["code"], f"{item['code']} {item.get('title', '')}") for item in consultation.snapshot.get("items", [])
        ]
        self.fields["comments"].queryset = consultation.comments.filter(hidden_at__isnull=True).order_by("created_at")
        self.fields["comments"].label_from_instance = lambda c: f"{c.item_code or '—'} #{c.pk}: {c.body[:80]}"


def _bounded_formfield(model_field, **kwargs):
    # The model's text columns have no length of their own; the form gives them one.
    if isinstance(model_field, models.TextField):
        kwargs.setdefault("max_length", bounds.TEXT_MAX_LENGTH)
    return model_field.formfield(**kwargs)


class BestPracticeForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    modules = forms.ModelMultipleChoiceField(
        label=_("Roadmap modules it gives evidence for"),
        queryset=Module.objects.filter(status=Module.Status.PUBLISHED),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = BestPractice
        formfield_callback = _bounded_formfield
        fields = list(BEST_PRACTICE_FIELDS)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions
        if self.instance.pk:
            self.initial.setdefault("themes", list(self.instance.themes.all()))
            self.initial.setdefault("modules", list(self.instance.modules.all()))


class InterestForm(HoneypotMixin):
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
    share_contact = forms.BooleanField(label=_("Share my email address with the owner"), required=False)
    from_region = forms.ModelChoiceField(label=_("On behalf of"), queryset=Region.objects.none(), required=False)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions:
            self.fields["from_region"].queryset = regions
        else:
            del self.fields["from_region"]


class InterestReplyForm(forms.Form):
    reply = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
    share_contact = forms.BooleanField(label=_("Share my email address in the reply"), required=False)
