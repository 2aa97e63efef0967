"""Mapping at DESIGN.md's sizes: 3 campaigns x 240 regions x 80 questions (x scale campaigns)."""

import datetime
import io
import json
import random

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from accounts.models import User
from bench.core import Context, Result, time_call, time_get
from mapping import analytics
from mapping import values as answer_values
from mapping.default_questionnaire import build_default_questionnaire
from mapping.demo import synthetic_value
from mapping.models import Campaign, Question, QuestionnaireVersion, Response, Section
from regions.models import Region, RegionMembership

QUESTIONS = 80
REGIONS = 240
CAMPAIGNS = 3
PREFIX = "Bench mapping campaign"


def _sizes(ctx: Context) -> tuple[int, int]:
    regions = 24 if ctx.quick else REGIONS
    return regions, CAMPAIGNS * ctx.scale


def _version() -> QuestionnaireVersion:
    """The default questionnaire plus Likert questions up to 80, published."""
    version = build_default_questionnaire(code="bench-mapping", publish=False)
    if version.status == QuestionnaireVersion.Status.PUBLISHED:
        return version
    section = Section.objects.filter(version=version).order_by("-order").first()
    existing = version.questions.count()
    themes = list(Question.objects.filter(version=version).values_list("theme_id", flat=True).distinct())
    Question.objects.bulk_create(
        Question(
            version=version,
            section=section,
            code=f"EXTRA-{n}",
            order=100 + n,
            kind=Question.Kind.LIKERT,
            text=f"Additional maturity statement {n}.",
            theme_id=themes[n % len(themes)],
        )
        for n in range(1, QUESTIONS - existing + 1)
    )
    version.status = QuestionnaireVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


def _regions(count: int) -> list[Region]:
    regions = list(Region.objects.filter(level=2).order_by("code")[:count])
    missing = count - len(regions)
    if missing > 0:
        Region.objects.bulk_create(
            [Region(code=f"MB{n:03d}", level=2, country_code="MB", name=f"Bench region {n}") for n in range(missing)],
            ignore_conflicts=True,
        )
        regions = list(Region.objects.filter(level=2).order_by("code")[:count])
    return regions


def _copy_answers(rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for response_id, question_id, value, score, applicable, source, year, confidence, at in rows:
        buffer.write(
            "\t".join(
                [
                    str(response_id),
                    str(question_id),
                    _copy_text(json.dumps(value)),
                    "\\N" if score is None else repr(score),
                    "t" if applicable else "f",
                    "1",
                    source,
                    "\\N" if year is None else str(year),
                    "",
                    confidence,
                    at,
                    "f",
                ]
            )
            + "\n"
        )
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            "COPY mapping_answer (response_id, question_id, value, score, applicable, revision, evidence_source,"
            " evidence_year, evidence_note, confidence, updated_at, carried_over) FROM STDIN",
            buffer,
        )


def _copy_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def build(ctx: Context) -> None:
    region_count, campaign_count = _sizes(ctx)
    version = _version()
    regions = _regions(region_count)
    questions = list(version.questions.all())
    rng = random.Random(ctx.seed)
    maturity = {region.pk: rng.uniform(0.1, 0.9) for region in regions}
    today = timezone.localdate()
    done = Campaign.objects.filter(title__startswith=PREFIX).count()
    now = timezone.now().isoformat()
    for index in range(done, campaign_count):
        with transaction.atomic():
            opens = today - datetime.timedelta(days=30 * (campaign_count - index))
            campaign = Campaign.objects.create(
                title=f"{PREFIX} {index + 1}",
                version=version,
                opens_on=opens,
                deadline=opens + datetime.timedelta(days=20),
            )
            campaign.regions.set(regions)
            responses = Response.objects.bulk_create(
                Response(
                    campaign=campaign,
                    region=region,
                    status=Response.Status.ACCEPTED,
                    progress=100,
                    submitted_at=timezone.now(),
                    accepted_at=timezone.now(),
                )
                for region in regions
            )
            rows = []
            for response in responses:
                level = min(0.95, maturity[response.region_id] + 0.03 * index)
                values = {q.pk: synthetic_value(q, rng, level) for q in questions}
                visible = answer_values.visible_question_ids(questions, values)
                for question in questions:
                    value = values[question.pk]
                    if value is None:
                        continue
                    rows.append(
                        (
                            response.pk,
                            question.pk,
                            value,
                            answer_values.score(question, value),
                            question.pk in visible,
                            rng.choice(["document", "statistic", "expert"]),
                            rng.choice([2023, 2024, 2025]),
                            rng.choice(["low", "medium", "high"]),
                            now,
                        )
                    )
            _copy_answers(rows)
    # One open response where the save is timed.
    official, _ = User.objects.get_or_create(username="bench-mapping-official", defaults={"role": User.Role.OFFICIAL})
    region = regions[0]
    RegionMembership.objects.get_or_create(user=official, region=region)
    coordinator, _ = User.objects.get_or_create(
        username="bench-mapping-coordinator", defaults={"role": User.Role.COORDINATOR}
    )
    open_campaign, created = Campaign.objects.get_or_create(
        title="Bench mapping open campaign",
        defaults={"version": version, "opens_on": today, "deadline": today + datetime.timedelta(days=30)},
    )
    if created:
        open_campaign.regions.set([region])
    Response.objects.get_or_create(campaign=open_campaign, region=region)
    ctx.shared["mapping"] = {"official": official.pk, "coordinator": coordinator.pk}


def measure(ctx: Context) -> list[Result]:
    shared = ctx.shared["mapping"]
    latest = Campaign.objects.filter(title__startswith=PREFIX).order_by("-opens_on").first()
    regions_per_campaign = latest.regions.count()
    total_answers = _count_answers()
    results = []

    median, p95, queries = time_call(lambda: analytics.heatmap(campaign_id=latest.pk, sort="DATA"), ctx.repeat(20))
    results.append(
        Result(
            name=f"heatmap, one campaign ({total_answers:,} answers stored)",
            median_ms=median,
            p95_ms=p95,
            queries=queries,
            target="< 500 ms",
            ok=p95 < 500,
        )
    )
    median, p95, queries = time_call(lambda: analytics.region_theme_scores(), ctx.repeat(10))
    results.append(
        Result(
            name="scores, latest accepted campaign per region",
            median_ms=median,
            p95_ms=p95,
            queries=queries,
            target="< 500 ms",
            ok=p95 < 500,
        )
    )

    client = Client()
    results.append(
        time_get(
            client,
            f"/api/v1/analytics/heatmap/?campaign={latest.pk}",
            ctx.repeat(20),
            name="GET /api/v1/analytics/heatmap/",
            target_ms=500,
        )
    )
    results.append(
        time_get(
            client, f"/mapping/results/?campaign={latest.pk}", ctx.repeat(10), name="GET heatmap page", target_ms=500
        )
    )

    coordinator = Client()
    coordinator.force_login(User.objects.get(pk=shared["coordinator"]))

    def export():
        reply = coordinator.get(f"/mapping/campaigns/{latest.pk}/export.csv?shape=wide")
        size = sum(len(chunk) for chunk in reply.streaming_content)
        if reply.status_code != 200 or not size:
            raise RuntimeError(f"export answered {reply.status_code}")

    median, p95, queries = time_call(export, ctx.repeat(5, 2))
    results.append(
        Result(
            name=f"wide CSV export, one campaign ({regions_per_campaign} regions)",
            median_ms=median,
            p95_ms=p95,
            queries=queries,
            target="< 5000 ms",
            ok=p95 < 5000,
        )
    )

    official = Client()
    official.force_login(User.objects.get(pk=shared["official"]))
    response = Response.objects.get(campaign__title="Bench mapping open campaign")
    question = Question.objects.filter(version=response.campaign.version, kind=Question.Kind.LIKERT).first()
    state = {
        "revision": response.answers.filter(question=question).values_list("revision", flat=True).first() or 0,
        "n": 0,
    }

    def save():
        state["n"] += 1
        reply = official.post(
            f"/api/v1/responses/{response.pk}/answers/",
            {"question": question.pk, "value": 1 + state["n"] % 5, "revision": state["revision"]},
            content_type="application/json",
        )
        if reply.status_code != 200:
            raise RuntimeError(f"save answered {reply.status_code}: {reply.content[:200]}")
        state["revision"] = reply.json()["answer"]["revision"]

    median, p95, queries = time_call(save, ctx.repeat(50))
    results.append(
        Result(
            name="save one answer (API, with history and progress)",
            median_ms=median,
            p95_ms=p95,
            queries=queries,
            target="< 50 ms",
            ok=p95 < 50,
        )
    )
    results.append(
        time_get(
            official,
            f"/mapping/responses/{response.pk}/?section=3",
            ctx.repeat(20),
            name="GET filling-in page (one section)",
            target_ms=300,
        )
    )
    results.append(
        time_get(
            coordinator, f"/mapping/campaigns/{latest.pk}/", ctx.repeat(10), name="GET campaign board", target_ms=500
        )
    )
    return results


def _count_answers() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM mapping_answer")
        return cursor.fetchone()[0]
