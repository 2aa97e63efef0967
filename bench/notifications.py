"""Notifications at issue 19's size: a daily digest for 10,000 followers of one region, built by one process.

Every follower has one unmailed notification (a roadmap published in the region they follow); the run is
the beat task's own code (`notifications.tasks.digest_send_due`), each person's mail rendered in their
language with its unsubscribe link, sent through one mail connection per chunk.
"""

import time

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from accounts.models import User
from bench.core import Context, Result
from notifications import kinds, services, tasks
from notifications.models import Follow, Notification
from regions.models import Region

PREFIX = "bench-follower-"
REGION_CODE = "ZN01"
TARGET_SECONDS = 60


def _followers(ctx: Context) -> int:
    return 1_000 if ctx.quick else 10_000 * ctx.scale


def _region() -> Region:
    region, _created = Region.objects.get_or_create(
        code=REGION_CODE, nuts_version=2021, defaults={"level": 2, "country_code": "ZN", "name": "Bench followed"}
    )
    return region


def build(ctx: Context) -> None:
    wanted = _followers(ctx)
    region = _region()
    languages = ["en", "fr", "de", "es", "it", "nl"]
    User.objects.bulk_create(
        [
            User(username=f"{PREFIX}{i}", email=f"{PREFIX}{i}@example.eu", language=languages[i % len(languages)])
            for i in range(wanted)
        ],
        ignore_conflicts=True,
        batch_size=2_000,
    )
    users = User.objects.filter(username__startswith=PREFIX).order_by("pk")[:wanted]
    already = set(services.followers(region).values_list("pk", flat=True))
    target_type, target_id = services._key(region)
    Follow.objects.bulk_create(
        [Follow(user=user, target_type=target_type, target_id=target_id) for user in users if user.pk not in already],
        ignore_conflicts=True,
        batch_size=2_000,
    )


def measure(ctx: Context) -> list[Result]:
    region = _region()
    followers = services.followers(region).count()
    about_type, about_id = services._key(region)
    Notification.objects.filter(about_type=about_type, about_id=about_id).delete()

    started = time.perf_counter()
    created = services.notify_followers(region, kinds.ROADMAP_PUBLISHED, about=region)
    fan_out = time.perf_counter() - started

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            sent = tasks.digest_send_due(frequency="daily")
            seconds = time.perf_counter() - started
        mailed = sum(
            1
            for message in mail.outbox
            if "/notifications/unsubscribe/" in message.extra_headers.get("List-Unsubscribe", "")
        )
        mail.outbox = []
    if sent < followers or mailed < followers:
        raise RuntimeError(f"The digest mailed {sent} people ({mailed} with unsubscribe links) of {followers}")
    return [
        Result(
            name=f"notifications: notify {followers:,} followers of a region",
            median_ms=fan_out * 1000,
            value=f"{created:,} notifications",
        ),
        Result(
            name=f"notifications: daily digest for {followers:,} followers, one process",
            median_ms=seconds * 1000,
            queries=len(captured.captured_queries),
            value=f"{sent:,} emails, {seconds:.1f} s",
            target=f"≤ {TARGET_SECONDS} s",
            ok=seconds <= TARGET_SECONDS,
        ),
    ]
