from accounts.models import User
from saphire.dashboard import Panel


def panels(user: User) -> list[Panel]:
    return []
