from django.utils.translation import gettext_lazy as _

from accounts.models import User
from regions.models import Region
from reports import selectors
from saphire.profile import ProfileSection


def sections(*, region: Region, user: User) -> list[ProfileSection]:
    """Published reports for everyone; drafts as well for coordinators and the region's officials."""
    published = selectors.region_published_reports(region=region)
    drafts = selectors.region_draft_reports(region=region, user=user)
    if not published and not drafts:
        return []
    return [
        ProfileSection(
            title=_("Recommendation reports"),
            template="reports/_region_reports.html",
            context={"published_reports": published, "draft_reports": drafts, "region": region},
        )
    ]
