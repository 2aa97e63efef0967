"""Participation: a consultation page with 1,000 comments (threads, region answers, hidden ones, endorsements)."""

import random
from datetime import timedelta

from django.db import transaction
from django.test import Client
from django.utils import timezone

from bench.core import Context, Result, time_get

COMMENTS = 1000
ITEMS = 8
SENTENCES = [
    "The data platform should include the **regional biobank** from the first phase.",
    "Patient organisations want a seat on the steering group.",
    "Could the training be shared with the neighbouring regions?",
    "The budget for phase 2 looks too small for the sequencing capacity.",
    "Please say who pays for the genetic counsellors after the pilot.",
]


@transaction.atomic
def build(ctx: Context) -> None:
    from accounts.models import User
    from participation import services, text
    from participation.models import Comment, Consultation, Endorsement
    from regions.models import Region
    from roadmap import demo as roadmap_demo
    from roadmap import services as roadmap_services

    region, _created = Region.objects.get_or_create(
        code="ZC001", level=2, defaults={"country_code": "ZC", "name": "Bench consultation region"}
    )
    ctx.shared["consultation_region"] = region.code
    existing = Consultation.objects.filter(region=region).first()
    if existing is not None:
        ctx.shared["consultation"] = existing.pk
        return
    rng = random.Random(ctx.seed)
    library = roadmap_demo.load_library()
    roadmap = roadmap_services.roadmap_for_region(region=region)
    for code in [c for c in library if not library[c].prerequisites.exists()][:ITEMS]:
        roadmap_services.roadmap_item_add(roadmap=roadmap, module=library[code], phase=1, lock_version=None, by=None)
    people = [
        User.objects.get_or_create(username=f"bench-citizen-{i}", defaults={"role": User.Role.STAKEHOLDER})[0]
        for i in range(40)
    ]
    coordinator, _created = User.objects.get_or_create(
        username="bench-coordinator", defaults={"role": User.Role.COORDINATOR}
    )
    today = timezone.localdate()
    consultation = services.consultation_open(
        roadmap=roadmap,
        title="Bench consultation",
        start_date=today,
        end_date=today + timedelta(days=30),
        by=coordinator,
    )
    codes = ["", *consultation.item_codes()]
    html = {sentence: text.comment_html(sentence) for sentence in SENTENCES}
    now = timezone.now()
    rows = [
        Comment(
            consultation=consultation,
            item_code=rng.choice(codes),
            author=rng.choice(people),
            body=(body := rng.choice(SENTENCES)),
            body_html=html[body],
            created_at=now - timedelta(minutes=COMMENTS - i),
            hidden_at=now if i % 97 == 0 else None,
            hidden_reason="Off topic" if i % 97 == 0 else "",
        )
        for i in range(COMMENTS // 2)
    ]
    roots = Comment.objects.bulk_create(rows)
    replies = []
    for i in range(COMMENTS - len(roots)):
        parent = rng.choice(roots)
        replies.append(
            Comment(
                consultation=consultation,
                item_code=parent.item_code,
                parent=parent,
                author=rng.choice(people),
                body=(body := rng.choice(SENTENCES)),
                body_html=html[body],
                is_region_answer=i % 10 == 0,
                created_at=parent.created_at + timedelta(seconds=i + 1),
            )
        )
    Comment.objects.bulk_create(replies)
    Endorsement.objects.bulk_create(
        [
            Endorsement(consultation=consultation, item_code=code, user=person)
            for person in people
            for code in codes[1:]
            if rng.random() < 0.5
        ]
    )
    ctx.shared["consultation"] = consultation.pk


def measure(ctx: Context) -> list[Result]:
    from accounts.models import User

    signed_in = Client()
    user, _created = User.objects.get_or_create(username="bench-participant", defaults={"role": User.Role.STAKEHOLDER})
    signed_in.force_login(user)
    pk = ctx.shared["consultation"]
    repeat = ctx.repeat(20, 3)
    return [
        # Signed in: rendered every time (the public cache would otherwise answer), with the comment forms.
        time_get(
            signed_in,
            f"/participate/consultations/{pk}/",
            repeat,
            name=f"consultation page, {COMMENTS} comments (uncached)",
            target_ms=150,
        ),
        time_get(signed_in, f"/participate/consultations/{pk}/summary/", repeat, name="consultation summary page"),
        time_get(signed_in, f"/api/v1/comments/?consultation={pk}", repeat, name="comments API list"),
    ]
