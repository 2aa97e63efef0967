"""Live prioritisation: voting rounds, ballots, ranking, the priorities they decide."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Finding
from regions.models import Region
from saphire.page_cache import EVENTS, changes
from workshops import selectors
from workshops.models import (
    Ballot,
    Event,
    RegionPriority,
    Vote,
    VoteOption,
    VotingRound,
)

# Live prioritisation --------------------------------------------------------------------------------


@changes(EVENTS)
@transaction.atomic
def voting_round_open(
    *,
    event: Event,
    region: Region,
    title: str,
    votes_per_participant: int,
    results: str = VotingRound.Results.AFTER_VOTE,
    anonymous: bool = True,
    findings: list[Finding] | None = None,
    labels: list[str] | None = None,
    by: User,
) -> VotingRound:
    errors = {}
    if not event.host_regions.filter(pk=region.pk).exists():
        errors["region"] = [_("Choose one of the event's host regions.")]
    if not title.strip():
        errors["title"] = [_("Give the round a question.")]
    if votes_per_participant < 1:
        errors["votes_per_participant"] = [_("Each participant needs at least one vote.")]
    if results not in VotingRound.Results.values:
        errors["results"] = [_("Choose when the results are shown.")]
    options: list[tuple[str, Finding | None]] = [(f.title, f) for f in findings or []]
    options += [(label.strip(), None) for label in labels or [] if label.strip()]
    seen, unique = set(), []
    for label, finding in options:
        if label.lower() not in seen:
            seen.add(label.lower())
            unique.append((label[:200], finding))
    if len(unique) < 2:
        errors["labels"] = [_("A vote needs at least two barriers to choose from.")]
    if errors:
        raise ValidationError(errors)
    voting_round = VotingRound.objects.create(
        event=event,
        region=region,
        title=title.strip(),
        votes_per_participant=votes_per_participant,
        results=results,
        anonymous=anonymous,
        opened_by=by,
    )
    VoteOption.objects.bulk_create(
        VoteOption(
            voting_round=voting_round,
            label=label,
            finding=finding,
            theme_id=finding.theme_id if finding else None,
            order=index,
        )
        for index, (label, finding) in enumerate(unique)
    )
    return voting_round


def ballot_submit(*, voting_round: VotingRound, user: User, allocations: dict[int, int]) -> Ballot:
    """Replace `user`'s allocation in the round; resubmitting the same form counts once.

    The ballot row is locked, so concurrent submits by the same person apply one after the other and
    the last one stands; a unique (round, user) keeps a participant to one ballot.
    """
    allocations = {int(k): int(v) for k, v in allocations.items() if int(v or 0) != 0}
    if any(v < 0 for v in allocations.values()):
        raise ValidationError({"votes": [_("Votes cannot be negative.")]})
    total = sum(allocations.values())
    if total > voting_round.votes_per_participant:
        raise ValidationError(
            {
                "votes": [
                    _("You gave %(total)d votes; you have %(max)d to spread.")
                    % {"total": total, "max": voting_round.votes_per_participant}
                ]
            }
        )
    valid = set(voting_round.options.values_list("pk", flat=True))
    if set(allocations) - valid:
        raise ValidationError({"votes": [_("One of the barriers is not part of this round.")]})
    with transaction.atomic():
        current = VotingRound.objects.select_for_update(of=("self",)).get(pk=voting_round.pk)
        if current.status != VotingRound.Status.OPEN:
            raise ValidationError(_("This round is closed."))
        ballot, _created = Ballot.objects.get_or_create(voting_round=current, user=user)
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        ballot.votes.all().delete()
        Vote.objects.bulk_create(Vote(ballot=ballot, option_id=k, count=v) for k, v in allocations.items())
        ballot.save(update_fields=["submitted_at"])
    return ballot


@changes(EVENTS)
@transaction.atomic
def voting_round_close(*, voting_round: VotingRound, by: User, now: datetime | None = None) -> list[RegionPriority]:
    """Close the round and save its ranking as the region's priorities (options with votes)."""
    voting_round = VotingRound.objects.select_for_update().select_related("event").get(pk=voting_round.pk)
    if voting_round.status != VotingRound.Status.OPEN:
        raise ValidationError(_("This round is already closed."))
    now = now or timezone.now()
    voting_round.status = VotingRound.Status.CLOSED
    voting_round.closed_at = now
    voting_round.save(update_fields=["status", "closed_at"])
    ranked = [option for option in selectors.round_ranking(voting_round=voting_round) if option.total > 0]
    return RegionPriority.objects.bulk_create(
        RegionPriority(
            region_id=voting_round.region_id,
            theme_id=option.theme_id,
            label=option.label,
            rank=rank,
            votes=option.total,
            decided_at=now,
            source_title=voting_round.event.title,
            voting_round=voting_round,
        )
        for rank, option in enumerate(ranked, start=1)
    )
