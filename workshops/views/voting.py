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
from workshops.models import Vote, VotingRound
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
