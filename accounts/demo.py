"""Demo accounts, one per role. Passwords are for local demos only.

The regions demo, loaded next, gives the official their regions.
"""

from accounts.models import User
from accounts.signals import add_to_coordinator_group

DEMO_PASSWORD = "saphire-demo"

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
    stdout.write(f"Demo accounts: {', '.join(u[0] for u in DEMO_USERS)} (password {DEMO_PASSWORD!r}).")
