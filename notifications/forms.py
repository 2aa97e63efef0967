from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import DigestPreference


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Email me my notifications"),
        choices=DigestPreference.Frequency.choices,
        widget=forms.RadioSelect,
    )
