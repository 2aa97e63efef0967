"""Publishing a finished report on its region's page, and taking it back."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from reports.models import Report
from saphire.page_cache import REPORTS, changes


@changes(REPORTS)
@transaction.atomic
def report_publish(*, report: Report, published_by: User | None) -> Report:
    if report.status != Report.Status.DONE:
        raise ValueError("Only a finished report can be published.")
    report.published_at = timezone.now()
    report.published_by = published_by
    report.save(update_fields=["published_at", "published_by"])
    return report


@changes(REPORTS)
@transaction.atomic
def report_unpublish(*, report: Report) -> Report:
    report.published_at = None
    report.published_by = None
    report.save(update_fields=["published_at", "published_by"])
    return report
