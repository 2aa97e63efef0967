import io

import pytest

from mapping import demo
from mapping.default_questionnaire import build_default_questionnaire, question_count
from mapping.models import Answer, Campaign, Question, Theme
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_default_questionnaire_covers_every_theme_in_two_languages():
    version = build_default_questionnaire()

    assert 60 <= question_count() <= 80
    assert version.questions.count() == question_count()
    assert set(version.questions.values_list("theme__code", flat=True)) == set(
        Theme.objects.values_list("code", flat=True)
    )
    assert not [q.code for q in version.questions.all() if not q.text_fr]
    dependent = version.questions.get(code="DATA-5")
    assert dependent.condition["rules"] == [{"question": "DATA-4", "op": "eq", "value": "yes"}]
    assert version.is_frozen


def test_demo_is_idempotent():
    for n in range(6):
        RegionFactory(code=f"FI{n}X", level=2)

    demo.load(stdout=io.StringIO())
    counts = (Campaign.objects.count(), Answer.objects.count(), Question.objects.count())
    demo.load(stdout=io.StringIO())

    assert (Campaign.objects.count(), Answer.objects.count(), Question.objects.count()) == counts
    assert counts[1] > 0


def test_region_profile_shows_accepted_scores(client, region):
    RegionFactory(code="FI1C", level=2)
    demo.load(stdout=io.StringIO())

    page = client.get(f"/regions/{region.code}/")

    body = page.content.decode()
    assert page.status_code == 200
    assert "Gap and barrier mapping" in body
    assert "Scores, peers and change between campaigns" in body
