"""Demo data: the default questionnaire, an accepted campaign with results and an open one.

Idempotent: running it again finds what it made and changes nothing. Answers of the closed
campaign are generated from a fixed seed, so they are plausible demo values, not real findings.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mapping import values as answer_values
from mapping.default_questionnaire import build_default_questionnaire
from mapping.models import Answer, Campaign, Finding, FindingRule, Question, Response, Theme
from mapping.selectors import completeness
from regions.models import Region

CLOSED_TITLE = "Regional mapping 2025"
OPEN_TITLE = "Regional mapping 2026"
SEED = 825046  # SAPHIRe's grant number: a fixed seed keeps the demo stable

RULES = [
    (None, FindingRule.Comparison.BELOW, 30, Finding.Kind.GAP, 4),
    (None, FindingRule.Comparison.ABOVE, 80, Finding.Kind.STRENGTH, 2),
]


def synthetic_value(question: Question, rng: random.Random, maturity: float):
    """A plausible answer for a region of the given maturity (0..1)."""
    kind = question.kind
    if kind == Question.Kind.LIKERT:
        return max(1, min(5, round(1 + 4 * maturity + rng.uniform(-1.2, 1.2))))
    if kind == Question.Kind.YES_NO:
        return rng.random() < 0.2 + 0.7 * maturity
    if kind == Question.Kind.SINGLE:
        options = sorted(question.options, key=lambda o: o.get("score") or 0)
        index = round((len(options) - 1) * min(1, max(0, maturity + rng.uniform(-0.3, 0.3))))
        return str(options[index]["value"])
    if kind == Question.Kind.MULTIPLE:
        chosen = [str(o["value"]) for o in question.options if rng.random() < 0.15 + 0.7 * maturity]
        return chosen or None
    if kind == Question.Kind.NUMBER:
        low = question.min_value or 0
        high = min(question.max_value if question.max_value is not None else 100, low + 200)
        return round(low + (high - low) * maturity * rng.random())
    return None


def synthetic_answers(
    *, response: Response, questions: list[Question], rng: random.Random, maturity: float
) -> list[Answer]:
    """Unsaved Answer rows for a whole response (for bulk inserts)."""
    values = {q.pk: synthetic_value(q, rng, maturity) for q in questions}
    visible = answer_values.visible_question_ids(questions, values)
    answers = []
    for question in questions:
        value = values[question.pk]
        if value is None and question.kind == Question.Kind.TEXT:
            continue
        answers.append(
            Answer(
                response=response,
                question=question,
                value=value,
                score=answer_values.score(question, value),
                applicable=question.pk in visible,
                revision=1,
                evidence_source=rng.choice(["document", "statistic", "expert", ""]),
                evidence_year=rng.choice([2022, 2023, 2024, 2025, None]),
                confidence=rng.choice(["low", "medium", "high", "high"]),
            )
        )
    return answers


def _maturity(region: Region, rng: random.Random) -> float:
    group = region.ris_group
    base = {"leader": 0.75, "strong": 0.6, "moderate": 0.45, "emerging": 0.3}.get(group, 0.5)
    return max(0.05, min(0.95, base + rng.uniform(-0.2, 0.2)))


@transaction.atomic
def load(*, stdout) -> None:
    version = build_default_questionnaire()
    for theme_code, comparison, threshold, kind, severity in RULES:
        theme = Theme.objects.filter(code=theme_code).first() if theme_code else None
        FindingRule.objects.get_or_create(
            theme=theme, comparison=comparison, threshold=threshold, defaults={"kind": kind, "severity": severity}
        )
    regions = list(Region.objects.filter(level=2).order_by("code")[:40])
    if not regions:
        stdout.write("Mapping: no NUTS 2 regions, so no demo campaigns.")
        return
    today = timezone.localdate()
    official_codes = {"FI1D", "BE21"}
    closed, created = Campaign.objects.get_or_create(
        title=CLOSED_TITLE,
        defaults={
            "version": version,
            "opens_on": today - datetime.timedelta(days=300),
            "deadline": today - datetime.timedelta(days=240),
        },
    )
    if created:
        closed.regions.set(regions)
        rng = random.Random(SEED)
        questions = list(version.questions.all())
        responses, answers = [], []
        for region in regions:
            response = Response.objects.create(
                campaign=closed,
                region=region,
                status=Response.Status.ACCEPTED,
                submitted_at=timezone.now() - datetime.timedelta(days=245),
                accepted_at=timezone.now() - datetime.timedelta(days=230),
            )
            made = synthetic_answers(response=response, questions=questions, rng=rng, maturity=_maturity(region, rng))
            state = completeness(questions=questions, values={a.question_id: a.value for a in made})
            response.progress, response.missing_count = state.progress, len(state.missing)
            responses.append(response)
            answers.extend(made)
        Answer.objects.bulk_create(answers, batch_size=2000)
        Response.objects.bulk_update(responses, ["progress", "missing_count"])
        from mapping.services.findings import findings_suggest

        suggested = findings_suggest(campaign=closed)
        stdout.write(
            f"Mapping: {CLOSED_TITLE} with {len(responses)} accepted responses, {len(suggested)} suggested findings."
        )
    open_campaign, created = Campaign.objects.get_or_create(
        title=OPEN_TITLE,
        defaults={
            "version": version,
            "opens_on": today - datetime.timedelta(days=7),
            "deadline": today + datetime.timedelta(days=45),
        },
    )
    if created:
        chosen = regions[:12] + [
            r for r in Region.objects.filter(code__in=official_codes, level=2) if r not in regions[:12]
        ]
        open_campaign.regions.set(chosen)
        stdout.write(f"Mapping: {OPEN_TITLE} open for {len(chosen)} regions.")
    stdout.write(f"Mapping: default questionnaire with {version.questions.count()} questions.")
