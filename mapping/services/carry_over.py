"""Pre-filling a new response from the region's previous accepted answers to the same questionnaire."""

from django.core.exceptions import ValidationError

from mapping import values as answer_values
from mapping.models import Answer, Response
from mapping.selectors import latest_accepted_response

CARRIED_FIELDS = ["evidence_source", "evidence_year", "evidence_note", "confidence"]


def response_carry_over(*, response: Response, questions) -> int:
    """Copy the answers of the region's latest accepted response of this questionnaire (another campaign)
    into `response`, matching questions by code; returns how many were copied.

    Each copy is marked carried over: completeness ignores it until an official confirms or changes it.
    A value that the new version's question no longer accepts (a removed option) is left out.
    """
    previous = latest_accepted_response(
        region=response.region_id, questionnaire=response.campaign.version.questionnaire_id
    )
    if previous is None or previous.campaign_id == response.campaign_id:
        return 0
    by_code = {q.code: q for q in questions}
    copies = []
    old_answers = previous.answers.select_related("question").filter(question__code__in=by_code)
    for old in old_answers:
        question = by_code[old.question.code]
        if answer_values.is_empty(old.value):
            continue
        try:
            value = answer_values.clean_value(question, old.value)
        except ValidationError:
            continue
        copies.append(
            Answer(
                response=response,
                question=question,
                value=value,
                score=answer_values.score(question, value),
                carried_over=True,
                **{key: getattr(old, key) for key in CARRIED_FIELDS},
            )
        )
    Answer.objects.bulk_create(copies)
    return len(copies)
