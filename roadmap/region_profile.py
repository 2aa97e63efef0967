from django.utils.translation import gettext as _

from accounts.models import User
from regions.models import Region
from roadmap import selectors
from roadmap.models import RoadmapVersion
from saphire.profile import ProfileSection


def sections(*, region: Region, user: User) -> list[ProfileSection]:
    """The region's published roadmap (summary) and its pilot projects."""
    version = (
        RoadmapVersion.objects.filter(is_current=True, region=region)
        .only("number", "published_at", "module_codes", "data")
        .first()
    )
    pilots = selectors.region_pilots(region=region)
    return [
        ProfileSection(
            title=_("Roadmap and pilots"),
            template="roadmap/_profile_section.html",
            context={"region": region, "version": version, "pilots": pilots},
        )
    ]
