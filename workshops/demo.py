"""Demo events: a site visit, a workshop with a vote, a webinar and a past workshop (idempotent by title)."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from regions.models import Region
from workshops.models import AgendaItem, Event, Registration, VoteOption, VotingRound
from workshops.timezones import local_to_utc

# title, kind, region codes, days from today, local start hour, hours, venue zone, venue, online link
DEMO_EVENTS = [
    (
        "Site visit: Oulu University Hospital",
        "site_visit",
        ["FI1D"],
        14,
        9,
        7,
        "Europe/Helsinki",
        "Oulu University Hospital, Kajaanintie 50, Oulu",
        "",
    ),
    (
        "Workshop: region-specific needs and barriers",
        "workshop",
        ["BE21", "FI1D"],
        21,
        10,
        6,
        "Europe/Brussels",
        "Royal Flemish Academy, Hertogsstraat 1, Brussels",
        "",
    ),
    (
        "Webinar: personalised medicine in remote and rural regions",
        "webinar",
        ["FI1D", "EL43"],
        30,
        14,
        2,
        "Europe/Brussels",
        "",
        "https://meet.saphire-regions.eu/remote-rural",
    ),
    (
        "Workshop: data infrastructure for genomics",
        "workshop",
        ["EL43"],
        -20,
        10,
        5,
        "Europe/Athens",
        "Heraklion, Crete",
        "",
    ),
]


@transaction.atomic
def load(*, stdout) -> None:
    coordinator = User.objects.filter(username="coordinator").first()
    stakeholder = User.objects.filter(username="stakeholder").first()
    regions = {r.code: r for r in Region.objects.filter(code__in={c for e in DEMO_EVENTS for c in e[2]})}
    today = timezone.now().date()
    made = 0
    for title, kind, codes, days, hour, hours, zone, venue, link in DEMO_EVENTS:
        hosts = [regions[c] for c in codes if c in regions]
        if not hosts or Event.objects.filter(title=title).exists():
            continue
        start = local_to_utc(datetime.combine(today + timedelta(days=days), time(hour)), zone)
        event = Event.objects.create(
            title=title,
            kind=kind,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            timezone=zone,
            venue=venue,
            online_url=link,
            capacity=25 if kind != "webinar" else 200,
            status=Event.Status.CONFIRMED if days > 0 else Event.Status.HELD,
            confirmed_at=timezone.now(),
            description="Part of the SAPHIRe Regions programme of visits and workshops.",
            created_by=coordinator,
        )
        event.host_regions.set(hosts)
        if coordinator:
            event.coordinators.set([coordinator])
        AgendaItem.objects.create(event=event, starts_at=start, ends_at=start + timedelta(minutes=30), title="Welcome")
        AgendaItem.objects.create(
            event=event,
            starts_at=start + timedelta(minutes=30),
            ends_at=start + timedelta(hours=2),
            title="Barriers found by the mapping",
            speakers="SAPHIRe consortium",
        )
        if stakeholder:
            Registration.objects.create(
                event=event,
                user=stakeholder,
                status=Registration.Status.CONFIRMED,
                registered_at=timezone.now(),
                stakeholder_kind="clinicians",
            )
        if kind == "workshop" and days > 0:
            voting_round = VotingRound.objects.create(
                event=event,
                region=hosts[0],
                title="Which barriers should the region tackle first?",
                opened_by=coordinator,
            )
            for order, label in enumerate(
                [
                    "Genomic data not shared between hospitals",
                    "No reimbursement for tests",
                    "Too few trained clinical geneticists",
                ]
            ):
                VoteOption.objects.create(voting_round=voting_round, label=label, order=order)
        made += 1
    stdout.write(f"Demo events: {made} created, {Event.objects.count()} in all.")
