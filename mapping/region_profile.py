from accounts.models import User
from regions.models import Region
from saphire.profile import ProfileSection


def sections(*, region: Region, user: User) -> list[ProfileSection]:
    return []
