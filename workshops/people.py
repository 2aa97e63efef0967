"""A person's event registrations in their data export. When the account is deleted they stay, as the
events' history, under the pseudonymised account, without the organisation they named."""

from workshops.models import Registration


def export(user) -> dict:
    return {
        "registrations": [
            {
                "event": title,
                "starts_at": starts_at.isoformat(),
                "role": role,
                "status": status,
                "registered_at": registered_at.isoformat(),
            }
            for title, starts_at, role, status, registered_at in Registration.objects.filter(user=user)
            .order_by("event__starts_at")
            .values_list("event__title", "event__starts_at", "role", "status", "registered_at")
        ]
    }


def erase(user) -> None:
    # The seat stays in the event's history; what named the person's organisation goes.
    Registration.objects.filter(user=user).update(organisation="")
