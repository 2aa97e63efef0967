"""Regressions found by API fuzzing (make fuzz): malformed input gets a 4xx, never a 500."""

import pytest

from tests.security import samples as sample_data

pytestmark = pytest.mark.django_db


def test_question_update_with_a_list_body_is_a_400(client_as):
    from mapping.models import QuestionnaireVersion
    from tests.factories.mapping import QuestionFactory, QuestionnaireVersionFactory

    s = sample_data.build()
    question = QuestionFactory(version=QuestionnaireVersionFactory(status=QuestionnaireVersion.Status.DRAFT))
    client = client_as(s.users["coordinator"])
    client.raise_request_exception = False

    response = client.patch(f"/api/v1/questions/{question.pk}/", "[null, null]", content_type="application/json")

    assert response.status_code == 400


def test_report_batch_with_a_malformed_id_is_a_404(client_as):
    s = sample_data.build()
    client = client_as(s.users["coordinator"])
    client.raise_request_exception = False

    response = client.get("/api/v1/report-batches/null%2Cnull/")

    assert response.status_code == 404
