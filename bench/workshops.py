"""Events at DESIGN.md's size: 1,000 events and 20,000 registrations; calendar, event page, participant list."""

import random
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from bench.core import Context, Result, time_get
from regions.models import Region
from workshops.models import Event, Registration

PREFIX = "bench-event"


def _sizes(ctx: Context) -> tuple[int, int]:
    if ctx.quick:
        return 100, 2_000
    return 1_000 * ctx.scale, 20_000 * ctx.scale


def build(ctx: Context) -> None:
    events_wanted, registrations_wanted = _sizes(ctx)
    if Event.objects.filter(title__startswith=PREFIX).count() >= events_wanted:
        return
    rng = random.Random(ctx.seed)
    regions = list(Region.objects.all()[:240])
    if len(regions) < 20:
        regions += Region.objects.bulk_create(
            Region(code=f"ZB{i:03d}", level=2, country_code="ZB", name=f"Bench region {i}") for i in range(240)
        )
    coordinator, _ = User.objects.get_or_create(username="bench-coordinator", defaults={"role": "coordinator"})
    users_wanted = registrations_wanted // 10
    User.objects.bulk_create(
        [User(username=f"bench-attendee-{i}", email=f"bench-attendee-{i}@example.eu") for i in range(users_wanted)],
        ignore_conflicts=True,
        batch_size=2_000,
    )
    users = list(User.objects.filter(username__startswith="bench-attendee-").values_list("pk", flat=True))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds, statuses = list(Event.Kind.values), ["confirmed"] * 6 + ["planned", "held", "cancelled"]
    events = []
    for i in range(events_wanted):
        start = now + timedelta(days=rng.randint(-365, 365), hours=rng.randint(0, 10))
        status = statuses[i % len(statuses)]
        events.append(
            Event(
                title=f"{PREFIX} {i}",
                kind=kinds[i % 3],
                starts_at=start,
                ends_at=start + timedelta(hours=rng.randint(1, 8)),
                timezone="Europe/Brussels",
                venue="Bench venue",
                online_url="https://meet.example.eu/bench",
                capacity=rng.choice([20, 40, 80]),
                status=status,
                confirmed_at=None if status == "planned" else now,
            )
        )
    events = Event.objects.bulk_create(events, batch_size=1_000)
    through = Event.host_regions.through
    through.objects.bulk_create(
        [through(event_id=e.pk, region_id=rng.choice(regions).pk) for e in events], batch_size=2_000
    )
    Event.coordinators.through.objects.bulk_create(
        [Event.coordinators.through(event_id=e.pk, user_id=coordinator.pk) for e in events], batch_size=2_000
    )
    registrations = []
    per_event = registrations_wanted // events_wanted
    for event in events:
        for n, user_id in enumerate(rng.sample(users, per_event)):
            registrations.append(
                Registration(
                    event_id=event.pk,
                    user_id=user_id,
                    status="confirmed" if n < event.capacity else "waitlisted",
                    stakeholder_kind=rng.choice(["clinicians", "payers", "patients", "industry", "government"]),
                    registered_at=now - timedelta(minutes=n),
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workshops_event, workshops_registration, workshops_event_host_regions")
    ctx.shared["workshops_busiest"] = max(events, key=lambda e: e.capacity).pk


def measure(ctx: Context) -> list[Result]:
    repeat = ctx.repeat(30, quick=5)
    public, staff = Client(), Client()
    staff.force_login(User.objects.get(username="bench-coordinator"))
    event_pk = ctx.shared.get("workshops_busiest") or (
        Event.objects.filter(title__startswith=PREFIX, status="confirmed").order_by("-capacity", "pk").first().pk
    )
    region = Region.objects.filter(events__isnull=False).first()
    return [
        time_get(public, "/events/", repeat, name="events: calendar list (public)", target_ms=100),
        time_get(staff, "/events/?when=past", repeat, name="events: calendar list, past (coordinator)", target_ms=100),
        time_get(public, "/events/?view=month", repeat, name="events: calendar month", target_ms=100),
        time_get(public, f"/events/?region={region.code}", repeat, name="events: calendar by region", target_ms=100),
        time_get(staff, f"/events/{event_pk}/", repeat, name="events: event page (coordinator)", target_ms=100),
        time_get(public, f"/events/{event_pk}/", repeat, name="events: event page (public)", target_ms=100),
        time_get(staff, f"/events/{event_pk}/participants/", repeat, name="events: participant list", target_ms=100),
        time_get(public, "/api/v1/events/", repeat, name="events: API list", target_ms=100),
    ]
