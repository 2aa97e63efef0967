"""Who may do what in mapping; reads are scoped in selectors, writes checked here."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from mapping.models import QuestionnaireVersion, Response
from regions.models import Region
from saphire.roles import is_coordinator, is_official_of

AnyUser = User | AnonymousUser


def can_manage_questionnaires(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_edit_version(user: AnyUser, version: QuestionnaireVersion) -> bool:
    return is_coordinator(user) and not version.is_frozen


def can_manage_campaigns(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_view_response(user: AnyUser, response: Response) -> bool:
    return is_coordinator(user) or is_official_of(user, response.region_id)


def can_view_region_responses(user: AnyUser, region: Region) -> bool:
    return is_coordinator(user) or is_official_of(user, region.pk)


def can_edit_region_response(user: AnyUser, region: Region) -> bool:
    return is_official_of(user, region.pk)


def can_edit_response(user: AnyUser, response: Response) -> bool:
    """Officials of the region answer, while the response is a draft or returned."""
    return is_official_of(user, response.region_id) and response.is_editable


def can_review_response(user: AnyUser, response: Response) -> bool:
    return is_coordinator(user) and response.status == Response.Status.SUBMITTED


def can_reply_to_comments(user: AnyUser, response: Response) -> bool:
    """The region's officials answer review comments, and coordinators follow up, until acceptance."""
    allowed = is_coordinator(user) or is_official_of(user, response.region_id)
    return allowed and response.status != Response.Status.ACCEPTED


def can_resolve_comments(user: AnyUser, response: Response) -> bool:
    return is_coordinator(user)


def can_manage_findings(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_export(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_view_raw_answers(user: AnyUser, region_id: int) -> bool:
    """Raw answers are for coordinators and the region's own officials; the public sees aggregates."""
    return is_coordinator(user) or is_official_of(user, region_id)
