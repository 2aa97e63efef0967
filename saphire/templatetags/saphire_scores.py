"""`{{ value|score }}`: a 0-100 score as a whole number, rounded half up by saphire.scores."""

from django import template

from saphire.scores import EMPTY, score_text

register = template.Library()


@register.filter
def score(value, empty: str = EMPTY) -> str:
    return score_text(value, empty)
