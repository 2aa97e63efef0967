"""Demo data: an open consultation on FI1D's draft roadmap with a few comments, two published best practices."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from participation import services
from participation.models import BestPractice, Consultation
from regions.models import Region
from roadmap.models import Module, RegionRoadmap

COMMENTS = [
    (
        "stakeholder",
        "DATA-01",
        "Please include the hospital district's biobank in the data platform from the first phase.",
    ),
    ("stakeholder", "", "A clear plan. Could patient organisations take part in the steering group?"),
    ("coordinator", "EDU-01", "The genomics training could be shared with the other northern regions."),
]

PRACTICES = [
    {
        "region": "FI1D",
        "title": "Broad biobank consent collected at every hospital visit",
        "what_was_done": "Patients are asked for broad consent to biobank research at admission, with a "
        "short leaflet and a nurse to answer questions; consent is recorded in the patient record.",
        "results": "Over 80% of patients asked gave consent in the first two years; 45,000 samples "
        "were made available for research.",
        "cost": "About EUR 250,000 a year (two nurses, leaflets, IT changes)",
        "contact_name": "Biobank Borealis",
        "contact_email": "info@example.org",
        "contact_consent": True,
        "links": "https://www.biobanktutkimus.fi/",
        "modules": ["DATA-01", "ELSI-01"],
    },
    {
        "region": "BE21",
        "title": "Regional genetic counselling by video",
        "what_was_done": "Genetic counsellors of the university hospital hold video consultations with "
        "patients in general practices across the province.",
        "results": "Waiting time for a first consultation fell from 14 to 5 weeks; 1,200 consultations a year.",
        "cost": "EUR 90,000 set-up, EUR 40,000 a year",
        "modules": ["ACCESS-01"],
    },
]


@transaction.atomic
def load(*, stdout) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["official", "stakeholder", "coordinator"])}
    roadmap = RegionRoadmap.objects.filter(region__code="FI1D").select_related("region").first()
    if roadmap and users and not Consultation.objects.filter(roadmap=roadmap).exists():
        today = timezone.localdate()
        consultation = services.consultation_open(
            roadmap=roadmap,
            title=f"Draft roadmap {today.year + 1}: {roadmap.region.name}",
            introduction="Tell us what you think of the next version of the region's roadmap before it is published.",
            start_date=today - timedelta(days=7),
            end_date=today + timedelta(days=21),
            by=users.get("official") or users["coordinator"],
        )
        first = None
        for username, code, body in COMMENTS:
            if username in users and (not code or code in consultation.item_codes()):
                comment = services.comment_create(
                    consultation=consultation, author=users[username], body=body, item_code=code
                )
                first = first or comment
        if first and "official" in users:
            services.comment_create(
                consultation=consultation,
                author=users["official"],
                body="Thank you: the biobank will join the data platform in phase 1.",
                parent=first,
                as_region_answer=True,
            )
    modules = {m.code: m for m in Module.objects.filter(status=Module.Status.PUBLISHED)}
    regions = {r.code: r for r in Region.objects.filter(code__in=[p["region"] for p in PRACTICES])}
    made = 0
    for spec in PRACTICES:
        spec = dict(spec)
        region = regions.get(spec.pop("region"))
        codes = spec.pop("modules")
        if region is None or BestPractice.objects.filter(title=spec["title"]).exists():
            continue
        by = users.get("coordinator")
        practice = services.best_practice_save(
            by=by, region=region, modules=[modules[c] for c in codes if c in modules], **spec
        )
        if practice.modules.exists():
            services.best_practice_publish(practice=practice, by=by)
        made += 1
    stdout.write(f"participation: {Consultation.objects.count()} consultations, {made} best practices added\n")
