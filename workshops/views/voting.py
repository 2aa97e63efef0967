"""Live prioritisation: open a round, vote, see the ranking, close it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from workshops import permissions, selectors, services
from workshops.forms import (
    BallotForm,
    VotingRoundForm,
)
from workshops.models import VotingRound
from workshops.views._common import _event_or_404, _form_errors_from, _posted

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
                results=data["results"],
                anonymous=data["anonymous"],
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
    """The round of a visible event; someone who may see the event but is no participant gets a 403 page."""
    event = _event_or_404(request, pk)
    voting_round = selectors.voting_round_detail(event=event, pk=round_pk)
    if voting_round is None:
        raise Http404
    if not permissions.can_view_round(request.user, voting_round):
        raise _NotParticipant
    return voting_round


class _NotParticipant(Exception):
    pass


def _not_participant(request, pk: int):
    event = _event_or_404(request, pk)
    return render(request, "workshops/round_forbidden.html", {"event": event}, status=403)


def _results_context(request, voting_round: VotingRound, current: dict[int, int]) -> dict:
    visible = permissions.can_see_round_results(request.user, voting_round, has_voted=bool(current))
    return {
        "results_visible": visible,
        "ranking": selectors.round_ranking(voting_round=voting_round) if visible else [],
    }


@login_required
def round_detail(request, pk: int, round_pk: int):
    try:
        voting_round = _round_or_404(request, pk, round_pk)
    except _NotParticipant:
        return _not_participant(request, pk)
    current = selectors.ballot_of(voting_round=voting_round, user=request.user)
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
        "has_voted": bool(current),
        "can_manage": permissions.can_manage_event(request.user, voting_round.event),
        "used": sum(current.values()),
        **_results_context(request, voting_round, current),
    }
    return render(request, "workshops/round_detail.html", context, status=status)


@require_safe
@login_required
def round_ranking(request, pk: int, round_pk: int):
    try:
        voting_round = _round_or_404(request, pk, round_pk)
    except _NotParticipant:
        return _not_participant(request, pk)
    current = selectors.ballot_of(voting_round=voting_round, user=request.user)
    context = {"round": voting_round, **_results_context(request, voting_round, current)}
    return render(request, "workshops/_ranking.html", context)


@require_safe
@login_required
def round_result(request, pk: int, round_pk: int):
    """The printable result: the ranking and, for a named round, each voter's ballot."""
    try:
        voting_round = _round_or_404(request, pk, round_pk)
    except _NotParticipant:
        return _not_participant(request, pk)
    current = selectors.ballot_of(voting_round=voting_round, user=request.user)
    context = {"event": voting_round.event, "round": voting_round, **_results_context(request, voting_round, current)}
    if not context["results_visible"]:
        raise PermissionDenied
    if not voting_round.anonymous:
        context["ballots"] = selectors.round_ballots(voting_round=voting_round)
    return render(request, "workshops/round_result.html", context)


@login_required
@require_POST
def round_close(request, pk: int, round_pk: int):
    try:
        voting_round = _round_or_404(request, pk, round_pk)
    except _NotParticipant:
        raise PermissionDenied
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
