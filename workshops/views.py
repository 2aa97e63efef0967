from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.models import User
from saphire import bounds, spreadsheets
from saphire.files import protected_file_response
from saphire.page_cache import EVENTS, REGIONS, SCORES, public_page
from workshops import ics, permissions, selectors, services
from workshops.filters import EventFilter
from workshops.forms import (
    AgendaItemForm,
    AttachmentForm,
    BallotForm,
    CancelEventForm,
    EventForm,
    FeedbackForm,
    FindingForm,
    MinutesForm,
    QuotaForm,
    RegistrationForm,
    VotingRoundForm,
)
from workshops.models import AgendaItem, Event, Registration, StakeholderKind, Vote, VotingRound
from workshops.timezones import valid_zone_or_none

VIEWER_TZ_COOKIE = "tz"


def viewer_tz(request) -> str:
    """The signed-in user's zone, else the browser's (set in a cookie by workshops.js), else the site's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and valid_zone_or_none(user.timezone):
        return user.timezone
    name = request.COOKIES.get(VIEWER_TZ_COOKIE, "")
    return name if valid_zone_or_none(name) else settings.TIME_ZONE


def _posted(request):
    """The POST data for a bound form (even when empty), None on GET."""
    return request.POST if request.method == "POST" else None


def _event_or_404(request, pk: int) -> Event:
    event = selectors.event_detail(user=request.user, pk=pk)
    if event is None:
        raise Http404
    return event


def _form_errors_from(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# Calendar ---------------------------------------------------------------------------------------


# Cached a minute at most: "upcoming" and a registration's deadline move with the clock.
@require_safe
@public_page(
    depends_on=(EVENTS, REGIONS),
    vary_on=("view", "month", "region", "kind", "status", "when", "page"),
    uncached_on=("starts_after", "starts_before"),
    variant=viewer_tz,
    seconds=60,
)
def event_calendar(request):
    tz_name = viewer_tz(request)
    view = request.GET.get("view", "list")
    filters = request.GET.copy()
    filterset = EventFilter(filters, queryset=selectors.event_list(user=request.user, with_counts=view != "month"))
    # A filter that does not parse shows its message over an empty list, not everything.
    refused = not filterset.is_valid()
    context = {
        "filter": filterset,
        "filter_errors": [message for errors in filterset.errors.values() for message in errors],
        "view": view,
        "tz_name": tz_name,
        "kinds": Event.Kind.choices,
        # Translated once here rather than once per card.
        "seats_taken": _("seats taken"),
        "online_label": _("online"),
    }
    if view == "month":
        try:
            month = date.fromisoformat(request.GET.get("month", "") + "-01")
            bounds.validate_sane_date(month)
        except (ValueError, ValidationError):
            month = timezone.now().astimezone(valid_zone_or_none(tz_name)).date().replace(day=1)
        start, end = selectors.month_bounds(month=month, tz_name=tz_name)
        events = (
            []
            if refused
            else list(filterset.qs.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "pk"))
        )
        context["grid"] = selectors.month_grid(events=events, month=month, tz_name=tz_name)
    else:
        if not request.GET.get("when") and not request.GET.get("status"):
            filters.setdefault("when", "upcoming")
            filterset = EventFilter(filters, queryset=selectors.event_list(user=request.user))
            context["filter"] = filterset
        events = filterset.queryset.none() if refused else filterset.qs
        context["page"] = Paginator(events, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "workshops/event_calendar.html", context, status=400 if refused else 200)


# One event --------------------------------------------------------------------------------------


@require_safe
@public_page(depends_on=(EVENTS, REGIONS, SCORES), variant=viewer_tz, seconds=60)
def event_detail(request, pk: int):
    event = _event_or_404(request, pk)
    user = request.user
    registration = selectors.registration_for(event=event, user=user)
    can_manage = permissions.can_manage_event(user, event)
    context = {
        "event": event,
        "tz_name": viewer_tz(request),
        "registration": registration,
        "waitlist_position": selectors.waitlist_position(registration=registration) if registration else None,
        "registration_error": services.registration_open_error(event, timezone.now()),
        "register_form": RegistrationForm(can_choose_role=can_manage),
        "can_manage": can_manage,
        "can_see_online_link": permissions.can_see_online_link(user, event),
        "can_register": permissions.can_register(user, event),
        "can_give_feedback": permissions.can_give_feedback(user, event),
        "rounds": list(event.voting_rounds.select_related("region")),
        "findings": list(event.event_findings.select_related("finding__theme", "finding__region")),
    }
    if can_manage:
        context["cancel_form"] = CancelEventForm()
        context["quota_form"] = QuotaForm()
        if event.kind == Event.Kind.SITE_VISIT:
            context["topics"] = selectors.site_visit_topics(event=event)
        context["agenda_form"] = AgendaItemForm(
            event=event, findings=context.get("topics").findings if context.get("topics") else []
        )
    return render(request, "workshops/event_detail.html", context)


@login_required
def event_create(request):
    if not permissions.can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(_posted(request), initial={"coordinators": [request.user]})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                created_by=request.user,
                host_regions=form.cleaned_data["host_regions"],
                coordinators=list(form.cleaned_data["coordinators"]),
                override_conflicts=form.cleaned_data["override_conflicts"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Event saved as planned. Confirm it to open registration."))
            return redirect("workshops:event-detail", pk=event.pk)
    return render(request, "workshops/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = EventForm(_posted(request), initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                by=request.user,
                host_regions=form.cleaned_data["host_regions"],
                coordinators=list(form.cleaned_data["coordinators"]),
                override_conflicts=form.cleaned_data["override_conflicts"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, _("Event updated."))
            return redirect("workshops:event-detail", pk=event.pk)
    return render(request, "workshops/event_form.html", {"form": form, "event": event})


def _status_change(request, pk: int, action):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    try:
        action(event)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("workshops:event-detail", pk=event.pk)


@login_required
@require_POST
def event_confirm(request, pk: int):
    def confirm(event):
        services.event_confirm(event=event, by=request.user)
        messages.success(request, _("Event confirmed: it is public and open for registration."))

    return _status_change(request, pk, confirm)


@login_required
@require_POST
def event_mark_held(request, pk: int):
    def held(event):
        services.event_mark_held(event=event, by=request.user)
        messages.success(request, _("Event marked as held: participants can now give feedback."))

    return _status_change(request, pk, held)


@login_required
@require_POST
def event_cancel(request, pk: int):
    def cancel(event):
        services.event_cancel(event=event, reason=request.POST.get("reason", ""), by=request.user)
        messages.success(request, _("Event cancelled; every registrant is being emailed."))

    return _status_change(request, pk, cancel)


@login_required
@require_POST
def agenda_item_add(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    topics = selectors.site_visit_topics(event=event).findings if event.kind == Event.Kind.SITE_VISIT else []
    form = AgendaItemForm(request.POST, event=event, findings=topics)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_add(
                event=event,
                starts_at=data["starts_at"],
                ends_at=data.get("ends_at"),
                title=data["title"],
                speakers=data["speakers"],
                theme=data.get("theme") or (data["finding"].theme if data.get("finding") else None),
                finding=data.get("finding"),
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
    if form.errors:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    else:
        messages.success(request, _("Agenda item added."))
    return redirect(reverse("workshops:event-detail", kwargs={"pk": pk}) + "#agenda")


@login_required
@require_POST
def agenda_item_delete(request, pk: int, item_pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    services.agenda_item_delete(item=get_object_or_404(AgendaItem, event=event, pk=item_pk))
    return redirect(reverse("workshops:event-detail", kwargs={"pk": pk}) + "#agenda")


@login_required
@require_POST
def quota_set(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = QuotaForm(request.POST)
    if form.is_valid():
        try:
            services.quota_set(event=event, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a stakeholder kind and a number of seats."))
    return redirect(reverse("workshops:event-detail", kwargs={"pk": pk}) + "#registration")


# Registration ---------------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_register(request.user, event):
        raise PermissionDenied
    form = RegistrationForm(request.POST, can_choose_role=permissions.can_manage_event(request.user, event))
    if not form.is_valid():
        messages.error(request, _("Choose which kind of stakeholder you represent."))
        return redirect("workshops:event-detail", pk=pk)
    try:
        registration = services.registration_create(event=event, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered. A confirmation email is on its way."))
        else:
            messages.warning(request, _("The event is full: you are on the waiting list."))
    return redirect("workshops:event-detail", pk=pk)


@login_required
@require_POST
def unregister(request, pk: int):
    event = _event_or_404(request, pk)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("workshops:event-detail", pk=pk)


@login_required
@require_POST
def registration_cancel(request, pk: int, registration_pk: int):
    event = _event_or_404(request, pk)
    registration = get_object_or_404(Registration, event=event, pk=registration_pk)
    if not permissions.can_cancel_registration(request.user, registration):
        raise PermissionDenied
    services.registration_cancel(registration=registration)
    messages.success(request, _("Registration of %(name)s cancelled.") % {"name": registration.user.get_username()})
    return redirect("workshops:event-participants", pk=pk)


@require_safe
@login_required
def event_participants(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_view_participants(request.user, event):
        raise PermissionDenied
    registrations = list(selectors.event_participants(event=event))
    return render(
        request,
        "workshops/event_participants.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "waitlisted": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        },
    )


@require_safe
@login_required
def event_participants_csv(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_view_participants(request.user, event):
        raise PermissionDenied
    response = HttpResponse(content_type=spreadsheets.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-participants.csv"'
    writer = spreadsheets.CsvWriter(response)
    writer.writerow(
        ["username", "name", "email", "organisation", "stakeholder_kind", "role", "status", "registered_at"]
    )
    kinds = dict(StakeholderKind.choices)
    for r in selectors.event_participants(event=event):
        writer.writerow(
            [
                r.user.get_username(),
                r.user.get_full_name(),
                r.user.email,
                r.organisation,
                kinds.get(r.stakeholder_kind, r.stakeholder_kind),
                r.get_role_display(),
                r.get_status_display(),
                r.registered_at.isoformat(),
            ]
        )
    return response


@require_safe
@login_required
def my_events(request):
    return render(
        request,
        "workshops/my_events.html",
        {
            "registrations": selectors.registration_list(user=request.user),
            "feed_url": request.build_absolute_uri(
                reverse("workshops:feed", kwargs={"token": request.user.feed_token})
            ),
            "tz_name": viewer_tz(request),
        },
    )


@login_required
@require_POST
def feed_reset(request):
    services.feed_token_reset(user=request.user)
    messages.success(request, _("Your calendar link is new; the old one no longer works."))
    return redirect("workshops:my-events")


# Calendars out ------------------------------------------------------------------------------------


@require_safe
def event_ics(request, pk: int):
    event = _event_or_404(request, pk)
    body = ics.calendar_bytes(
        [event], name=event.title, online_link_visible=lambda e: permissions.can_see_online_link(request.user, e)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@require_safe
def feed(request, token: str):
    user = User.objects.filter(feed_token=token, is_active=True).first()
    if user is None:
        raise Http404
    body = ics.calendar_bytes(
        selectors.feed_events(user=user),
        name=_("SAPHIRe Regions events"),
        online_link_visible=lambda event: event.online_link_visible,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# Outcomes ---------------------------------------------------------------------------------------------


@require_safe
def attachment_download(request, pk: int, attachment_pk: int):
    """An attachment goes to whoever may see its event, never as static media."""
    event = _event_or_404(request, pk)
    attachment = get_object_or_404(event.attachments.all(), pk=attachment_pk)
    # A download, never rendered in the portal's origin, whatever the uploaded bytes are.
    return protected_file_response(attachment.file.name, filename=attachment.download_name, as_attachment=True)


@login_required
def feedback(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_give_feedback(request.user, event):
        raise PermissionDenied
    form = FeedbackForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(event=event, user=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect("workshops:event-detail", pk=pk)
    return render(request, "workshops/event_feedback.html", {"event": event, "form": form})


@login_required
def outcomes(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    minutes_form = MinutesForm(initial={"minutes": event.minutes})
    attachment_form = AttachmentForm()
    finding_form = FindingForm(event=event)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "minutes":
            minutes_form = MinutesForm(request.POST)
            if minutes_form.is_valid():
                services.minutes_update(event=event, minutes=minutes_form.cleaned_data["minutes"], by=request.user)
                messages.success(request, _("Minutes saved."))
                return redirect("workshops:event-outcomes", pk=pk)
        elif action == "attachment":
            attachment_form = AttachmentForm(request.POST, request.FILES)
            if attachment_form.is_valid():
                services.attachment_add(event=event, by=request.user, **attachment_form.cleaned_data)
                messages.success(request, _("Attachment added."))
                return redirect("workshops:event-outcomes", pk=pk)
        elif action == "finding":
            finding_form = FindingForm(request.POST, event=event)
            if finding_form.is_valid():
                try:
                    services.event_finding_record(event=event, by=request.user, **finding_form.cleaned_data)
                except ValidationError as exc:
                    _form_errors_from(finding_form, exc)
                else:
                    messages.success(request, _("Finding recorded in the region's mapping."))
                    return redirect("workshops:event-outcomes", pk=pk)
    feedback_rows = list(event.feedback.all())
    context = {
        "event": event,
        "minutes_form": minutes_form,
        "attachment_form": attachment_form,
        "finding_form": finding_form,
        "findings": list(event.event_findings.select_related("finding__theme", "finding__region")),
        "feedback": feedback_rows,
        "average_rating": (sum(f.rating for f in feedback_rows) / len(feedback_rows)) if feedback_rows else None,
    }
    return render(request, "workshops/event_outcomes.html", context, status=400 if request.method == "POST" else 200)


# Live prioritisation -----------------------------------------------------------------------------------


@login_required
def voting_round_new(request, pk: int):
    event = _event_or_404(request, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    findings = selectors.region_findings_for_vote(event=event)
    form = VotingRoundForm(_posted(request), event=event, findings=findings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            voting_round = services.voting_round_open(
                event=event,
                region=data["region"],
                title=data["title"],
                votes_per_participant=data["votes_per_participant"],
                findings=list(data["findings"]),
                labels=data["labels"].splitlines(),
                by=request.user,
            )
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            return redirect("workshops:round-detail", pk=pk, round_pk=voting_round.pk)
    return render(request, "workshops/round_form.html", {"event": event, "form": form})


def _round_or_404(request, pk: int, round_pk: int) -> VotingRound:
    event = _event_or_404(request, pk)
    voting_round = selectors.voting_round_detail(event=event, pk=round_pk)
    if voting_round is None or not permissions.can_view_round(request.user, voting_round):
        raise Http404
    return voting_round


@login_required
def round_detail(request, pk: int, round_pk: int):
    voting_round = _round_or_404(request, pk, round_pk)
    current = dict(
        Vote.objects.filter(ballot__voting_round=voting_round, ballot__user=request.user).values_list(
            "option_id", "count"
        )
    )
    can_vote = permissions.can_vote(request.user, voting_round)
    form = BallotForm(
        _posted(request),
        options=voting_round.options.all(),
        votes_per_participant=voting_round.votes_per_participant,
        current=current,
    )
    status = 200
    if request.method == "POST":
        if not can_vote:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.ballot_submit(voting_round=voting_round, user=request.user, allocations=form.allocations())
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Your votes are counted."))
                return redirect("workshops:round-detail", pk=pk, round_pk=round_pk)
        status = 400
    context = {
        "event": voting_round.event,
        "round": voting_round,
        "form": form,
        "can_vote": can_vote,
        "can_manage": permissions.can_manage_event(request.user, voting_round.event),
        "ranking": services.round_ranking(voting_round=voting_round),
        "used": sum(current.values()),
    }
    return render(request, "workshops/round_detail.html", context, status=status)


@require_safe
@login_required
def round_ranking(request, pk: int, round_pk: int):
    voting_round = _round_or_404(request, pk, round_pk)
    ranking = services.round_ranking(voting_round=voting_round)
    return render(request, "workshops/_ranking.html", {"round": voting_round, "ranking": ranking})


@login_required
@require_POST
def round_close(request, pk: int, round_pk: int):
    voting_round = _round_or_404(request, pk, round_pk)
    if not permissions.can_manage_event(request.user, voting_round.event):
        raise PermissionDenied
    try:
        priorities = services.voting_round_close(voting_round=voting_round, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Round closed: %(n)d priorities saved for %(region)s.")
            % {"n": len(priorities), "region": voting_round.region.code},
        )
    return redirect("workshops:round-detail", pk=pk, round_pk=round_pk)
