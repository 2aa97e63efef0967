"""The questions coordinators ask after each kind of event, and the answers to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The package defines Event before it imports this module.
from workshops.models import Event


class FeedbackQuestion(models.Model):
    class Answer(models.TextChoices):
        RATING = "rating", _("A rating from 1 to 5")
        TEXT = "text", _("Free text")

    kind = models.CharField(_("event kind"), max_length=20, choices=Event.Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.RATING)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    # Retired, not deleted: past answers keep their question.
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class FeedbackAnswer(models.Model):
    feedback = models.ForeignKey("workshops.Feedback", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["feedback", "question__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "question"], name="workshops_answer_feedback_question_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="workshops_answer_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating or self.text[:30]}"
