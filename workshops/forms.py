from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from mapping.models import Finding, Theme
from regions.models import Region
from saphire import bounds
from saphire.timezones import timezone_choices, zone_for_region
from workshops import services, timezones
from workshops.models import Event, EventMessage, FeedbackQuestion, Registration, StakeholderKind, VotingRound


class WallClockField(forms.CharField):
    """A date and time as typed, without a zone: the form converts it with the venue's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_validators = [bounds.validate_sane_date]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        try:
            if len(value) > self.max_length:
                raise ValueError
            return datetime.fromisoformat(value.strip().replace(" ", "T")).replace(tzinfo=None, second=0)
        except ValueError:
            raise ValidationError(_("Enter a date and time like 2027-03-28 09:30."))

    def run_validators(self, value):
        # The length was checked on the text; what is left to check is the datetime it became.
        if value in self.empty_values:
            return
        bounds.validate_sane_date(value)

    def prepare_value(self, value):
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


MAX_OFFER_HOURS = 24 * 14


def _zone_choices():
    return [("", _("The first host region's time zone")), *timezone_choices()]


class EventForm(bounds.Form):
    """Times are typed in the venue's zone; `cleaned_data` holds them as UTC instants."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    host_regions = forms.CharField(
        label=_("Host regions"),
        help_text=_("NUTS codes separated by commas, for example FI1D, BE21."),
        max_length=500,
    )
    timezone = forms.ChoiceField(label=_("Venue time zone"), choices=_zone_choices, required=False)
    starts_at = WallClockField(label=_("Starts (venue time)"))
    ends_at = WallClockField(label=_("Ends (venue time)"))
    venue = forms.CharField(label=_("Venue address"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        max_length=Event._meta.get_field("online_url").max_length,
    )
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=0, max_value=Event.MAX_CAPACITY, initial=30)
    registration_opens_at = WallClockField(label=_("Registration opens (venue time)"), required=False)
    registration_deadline = WallClockField(
        label=_("Registration deadline (venue time)"), required=False, help_text=_("Empty: open until the start.")
    )
    reminder_hours = forms.IntegerField(
        label=_("Reminder (hours before the start)"), min_value=1, max_value=24 * 14, initial=24
    )
    offer_hours = forms.IntegerField(
        label=_("Hours to accept a freed seat"),
        min_value=0,
        max_value=MAX_OFFER_HOURS,
        initial=0,
        required=False,
        help_text=_("0: a freed seat goes straight to the next person waiting."),
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinators"),
        queryset=User.objects.filter(role__in=[User.Role.COORDINATOR, User.Role.ADMINISTRATOR]).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    override_conflicts = forms.BooleanField(
        label=_("Save despite the overlap (webinars only)"), required=False, widget=forms.CheckboxInput
    )

    def clean_host_regions(self):
        codes = [c.strip().upper() for c in self.cleaned_data["host_regions"].replace(";", ",").split(",") if c.strip()]
        if not codes:
            raise ValidationError(_("Enter at least one NUTS code."))
        regions = {r.code.upper(): r for r in Region.objects.filter(code__in=codes).order_by("-nuts_version")}
        unknown = [c for c in codes if c not in regions]
        if unknown:
            raise ValidationError(_("Unknown region code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        return [regions[c] for c in dict.fromkeys(codes)]

    def clean(self):
        data = super().clean()
        if not data.get("timezone") and data.get("host_regions"):
            data["timezone"] = zone_for_region(data["host_regions"][0].code) or settings.TIME_ZONE
        tz_name = data.get("timezone")
        if not tz_name:
            return data
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_deadline"):
            wall = data.get(name)
            if wall is None:
                continue
            try:
                data[name] = timezones.local_to_utc(wall, tz_name)
            except ValidationError as exc:
                self.add_error(name, exc)
        data["offer_hours"] = data.get("offer_hours") or 0
        if data.get("reminder_hours"):
            data["reminder_lead"] = timedelta(hours=data["reminder_hours"])
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        names = services.EVENT_FIELDS
        return {name: data.get(name) if name in data else None for name in names} | {
            "description": data.get("description", ""),
            "venue": data.get("venue", ""),
            "online_url": data.get("online_url", ""),
        }

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        tz = event.timezone

        def local(value):
            return timezones.utc_to_local(value, tz) if value else None

        return {
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "host_regions": ", ".join(r.code for r in event.host_regions.all()),
            "timezone": tz,
            "starts_at": local(event.starts_at),
            "ends_at": local(event.ends_at),
            "venue": event.venue,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "registration_opens_at": local(event.registration_opens_at),
            "registration_deadline": local(event.registration_deadline),
            "reminder_hours": int(event.reminder_lead.total_seconds() // 3600),
            "offer_hours": event.offer_hours,
            "coordinators": list(event.coordinators.all()),
        }


class AgendaItemForm(bounds.Form):
    starts_at = WallClockField(label=_("From (venue time)"))
    ends_at = WallClockField(label=_("To (venue time)"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    speakers = forms.CharField(label=_("Speakers"), max_length=300, required=False)
    finding = forms.ModelChoiceField(label=_("Topic from the mapping"), queryset=Finding.objects.none(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)

    def __init__(self, *args, event: Event, findings: list[Finding] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["finding"].queryset = Finding.objects.filter(pk__in=[f.pk for f in findings or []])

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                try:
                    data[name] = timezones.local_to_utc(data[name], self.event.timezone)
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data


class QuotaForm(bounds.Form):
    stakeholder_kind = forms.ChoiceField(label=_("Stakeholder kind"), choices=StakeholderKind.choices)
    seats = forms.IntegerField(label=_("Seats (0 removes the quota)"), min_value=0, max_value=Event.MAX_CAPACITY)


class RegistrationForm(bounds.Form):
    stakeholder_kind = forms.ChoiceField(label=_("You represent"), choices=StakeholderKind.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Registration.Role.choices, initial=Registration.Role.PARTICIPANT)

    def __init__(self, *args, can_choose_role: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_choose_role:
            del self.fields["role"]


class CancelEventForm(bounds.Form):
    reason = forms.CharField(label=_("Reason (sent to every registrant)"), widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(bounds.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how useful was the event?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    useful = forms.CharField(label=_("What was most useful?"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    improve = forms.CharField(
        label=_("What could be better?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question.answer == FeedbackQuestion.Answer.RATING:
                field = forms.TypedChoiceField(
                    coerce=int,
                    choices=[(n, str(n)) for n in range(5, 0, -1)],
                    widget=forms.RadioSelect,
                    empty_value=None,
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=bounds.TEXT_MAX_LENGTH)
            field.label = question.text
            field.required = question.required
            self.fields[f"question_{question.pk}"] = field

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "rating": data["rating"],
            "useful": data["useful"],
            "improve": data["improve"],
            "answers": {q.pk: data.get(f"question_{q.pk}") for q in self.questions},
        }


class FeedbackQuestionForm(bounds.Form):
    kind = forms.ChoiceField(label=_("Event kind"), choices=Event.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    answer = forms.ChoiceField(label=_("Answer"), choices=FeedbackQuestion.Answer.choices)
    required = forms.BooleanField(label=_("Required"), required=False)


class MinutesForm(bounds.Form):
    minutes = forms.CharField(
        label=_("Minutes (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=bounds.DOCUMENT_MAX_LENGTH,
    )


class AttachmentForm(bounds.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Interpolated here, not in the class body, so the text is in the language of each request.
        self.fields["file"].help_text = _("Up to %(mb)d MB: %(types)s.") % {
            "mb": services.ATTACHMENT_MAX_BYTES // 1024 // 1024,
            "types": ", ".join(sorted(services.ATTACHMENT_EXTENSIONS)),
        }

    def clean_file(self):
        file = self.cleaned_data["file"]
        try:
            services.attachment_validate(name=file.name, size=file.size)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"])
        return file


class FindingForm(bounds.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.filter(is_active=True))
    kind = forms.ChoiceField(label=_("Kind"), choices=Finding.Kind.choices)
    severity = forms.TypedChoiceField(
        label=_("Severity"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)], initial=3
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = event.host_regions.all()


class VotingRoundForm(bounds.Form):
    region = forms.ModelChoiceField(
        label=_("Region the priorities are for"), queryset=Region.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Question"), max_length=200, initial=_("Which barriers should the region tackle first?")
    )
    votes_per_participant = forms.IntegerField(label=_("Votes per participant"), min_value=1, max_value=50, initial=5)
    results = forms.ChoiceField(
        label=_("Show the results"), choices=VotingRound.Results.choices, initial=VotingRound.Results.AFTER_VOTE
    )
    anonymous = forms.BooleanField(label=_("Anonymous ballots"), required=False, initial=True)
    findings = forms.ModelMultipleChoiceField(
        label=_("Barriers from the region's findings"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    labels = forms.CharField(
        label=_("More barriers (one per line)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, event: Event, findings: list[Finding], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = event.host_regions.all()
        self.fields["findings"].queryset = Finding.objects.filter(pk__in=[f.pk for f in findings]).select_related(
            "region"
        )
        self.fields["findings"].label_from_instance = lambda f: f"{f.region.code} · {f.title} ({f.get_kind_display()})"


class BallotForm(bounds.Form):
    """One number field per option of the round."""

    def __init__(self, *args, options, votes_per_participant: int, current: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(options)
        for option in self.options:
            self.fields[f"option_{option.pk}"] = forms.IntegerField(
                label=option.label,
                min_value=0,
                max_value=votes_per_participant,
                initial=(current or {}).get(option.pk, 0),
                required=False,
                widget=forms.NumberInput(attrs={"class": "vote-input", "inputmode": "numeric"}),
            )

    def allocations(self) -> dict[int, int]:
        return {option.pk: self.cleaned_data.get(f"option_{option.pk}") or 0 for option in self.options}


class EventMessageForm(bounds.Form):
    audience = forms.ChoiceField(label=_("To"), choices=EventMessage.Audience.choices, initial="confirmed")
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
