"""The coordinator's campaign board: one row per region with its response's state."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mapping.models import Campaign, Response
from regions.models import Region

STATE_LABELS = {
    "not_started": _("Not started"),
    "in_progress": _("In progress"),
    "submitted": _("Submitted"),
    "returned": _("Returned"),
    "accepted": _("Accepted"),
}


@dataclass
class BoardRow:
    region: Region
    response: Response | None
    state: str
    overdue: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def progress(self) -> int:
        return self.response.progress if self.response else 0


def campaign_board(*, campaign: Campaign, today: datetime.date, state: str = "") -> tuple[list[BoardRow], dict]:
    """Rows and counts per state, in two queries whatever the number of regions."""
    responses = {
        r.region_id: r
        for r in Response.objects.filter(campaign=campaign).only(
            "id", "region_id", "status", "progress", "missing_count", "submitted_at", "updated_at", "campaign_id"
        )
    }
    rows, counts = [], dict.fromkeys(STATE_LABELS, 0) | {"overdue": 0}
    past_deadline = campaign.deadline < today
    for region in campaign.regions.only("id", "code", "name", "name_national", "country_code").order_by("code"):
        response = responses.get(region.pk)
        if response is None:
            key = "not_started"
        elif response.status == Response.Status.DRAFT:
            key = "in_progress"
        else:
            key = response.status
        overdue = past_deadline and key in ("not_started", "in_progress", "returned")
        counts[key] += 1
        counts["overdue"] += overdue
        if state and state != key and not (state == "overdue" and overdue):
            continue
        rows.append(BoardRow(region=region, response=response, state=key, overdue=overdue))
    return rows, counts
