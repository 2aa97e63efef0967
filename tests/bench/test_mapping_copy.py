"""The mapping benchmark writes its answers with COPY: every NOT NULL column must be in its list."""

import pytest
from django.utils import timezone

from bench.mapping import _copy_answers
from mapping.models import Answer
from tests.factories import QuestionFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_copied_answers_are_stored_as_confirmed_answers():
    response = ResponseFactory()
    question = QuestionFactory(section__version=response.campaign.version)

    _copy_answers([(response.pk, question.pk, 4, 75.0, True, "expert", 2024, "low", timezone.now().isoformat())])

    answer = Answer.objects.get(response=response, question=question)
    assert (answer.value, answer.score, answer.carried_over, answer.evidence_year) == (4, 75.0, False, 2024)
