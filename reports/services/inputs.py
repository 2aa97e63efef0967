"""What a report needs before it is queued: a campaign it is built from must have accepted answers for the region."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mapping.models import Campaign
from regions.models import Region
from reports.selectors import accepted_region_ids


class EmptyInputs(ValidationError):
    """The chosen campaign holds no accepted answers for the region: no report is made of nothing."""


def check_inputs(*, region: Region, campaign: Campaign | None) -> None:
    """Raise EmptyInputs when `campaign` has no accepted answers for `region` (no campaign: latest answers)."""
    if campaign is not None and region.pk not in accepted_region_ids(campaign=campaign, region_ids=[region.pk]):
        raise EmptyInputs(
            _(
                "The campaign “%(campaign)s” has no accepted answers for %(region)s yet, so there is nothing to "
                "report on. Choose another campaign, or accept the region's answers first."
            )
            % {"campaign": campaign.title, "region": region.name},
            code="empty",
        )
