"""Who may do what with reports: plain predicates on `saphire.roles`."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from regions.models import Region
from reports.models import Report, ReportBatch
from saphire.roles import is_coordinator, is_official_of, official_region_ids


def can_view_report(user: User | AnonymousUser, report: Report) -> bool:
    """Published reports are public; drafts are for coordinators and the region's officials."""
    return report.is_published or is_coordinator(user) or is_official_of(user, report.region_id)


def can_request_any_report(user: User | AnonymousUser) -> bool:
    return is_coordinator(user) or bool(official_region_ids(user))


def can_request_report(user: User | AnonymousUser, region: Region) -> bool:
    return is_coordinator(user) or is_official_of(user, region.pk)


def can_publish_report(user: User | AnonymousUser, report: Report) -> bool:
    return is_coordinator(user) and report.status == Report.Status.DONE


def can_retry_report(user: User | AnonymousUser, report: Report) -> bool:
    """A failed report, or one stuck queued or running past its timeout, can be queued again."""
    return (report.status == Report.Status.FAILED or report.is_stuck) and can_request_report(user, report.region)


def can_create_batch(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)


def can_view_batch(user: User | AnonymousUser, batch: ReportBatch) -> bool:
    return is_coordinator(user)


def can_edit_recommendation(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)
