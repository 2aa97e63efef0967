"""Demo accounts, one per role. Passwords are for local demos only."""

from accounts.models import User
from accounts.signals import add_to_coordinator_group
from regions.models import Region, RegionMembership

DEMO_PASSWORD = "saphire-demo"
DEMO_OFFICIAL_REGIONS = ["FI1D", "BE21"]

DEMO_USERS = [
    ("admin", User.Role.ADMINISTRATOR, "Ada", "Admin"),
    ("coordinator", User.Role.COORDINATOR, "Corinne", "Coordinator"),
    ("official", User.Role.OFFICIAL, "Olli", "Official"),
    ("stakeholder", User.Role.STAKEHOLDER, "Stella", "Stakeholder"),
]


def load(*, stdout) -> None:
    for username, role, first, last in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.saphire-regions.eu",
                "role": role,
                "first_name": first,
                "last_name": last,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        add_to_coordinator_group(user)
    official = User.objects.get(username="official")
    for region in Region.objects.filter(code__in=DEMO_OFFICIAL_REGIONS, nuts_version=2021):
        RegionMembership.objects.get_or_create(user=official, region=region)
    stdout.write(f"Demo accounts: {', '.join(u[0] for u in DEMO_USERS)} (password {DEMO_PASSWORD!r}).")
