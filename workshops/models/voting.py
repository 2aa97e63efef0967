"""Live prioritisation votes of a workshop: rounds, their options, each participant's ballot and votes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The package defines Event before it imports this module.
from workshops.models import Event


class VotingRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("status", "Open")
        CLOSED = "closed", _("Closed")

    class Results(models.TextChoices):
        # Seeing the ranking before voting sways the vote: it is hidden until then at least.
        AFTER_VOTE = "after_vote", _("To each voter once they have voted")
        AFTER_CLOSE = "after_close", _("To everyone once the round is closed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="voting_rounds")
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("question"), max_length=200)
    votes_per_participant = models.PositiveSmallIntegerField(_("votes per participant"), default=5)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    results = models.CharField(
        _("show the results"), max_length=20, choices=Results.choices, default=Results.AFTER_VOTE
    )
    anonymous = models.BooleanField(
        _("anonymous ballots"), default=True, help_text=_("Untick to show who voted for what in the result.")
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_per_participant__gte=1), name="workshops_round_votes_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class VoteOption(models.Model):
    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("barrier"), max_length=200)
    theme = models.ForeignKey("mapping.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finding = models.ForeignKey("mapping.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["voting_round", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["voting_round", "label"], name="workshops_option_round_label_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Ballot(models.Model):
    """A participant's whole allocation in a round; replaced, never added to, on each submit."""

    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voting_round", "user"], name="workshops_ballot_round_user_unique"),
        ]

    def __str__(self) -> str:
        return f"ballot {self.user_id} in {self.voting_round_id}"


class Vote(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(VoteOption, on_delete=models.CASCADE, related_name="votes")
    count = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "option"], name="workshops_vote_ballot_option_unique"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="workshops_vote_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.count} for {self.option_id}"
