"""Writes of the reports app: requesting, building, publishing reports and batches; the library."""

from reports.services.archive import batch_zip
from reports.services.batches import batch_create, batch_regions, batch_retry_failed, campaign_regions
from reports.services.build import report_build, report_directory, write_atomically
from reports.services.inputs import EmptyInputs, check_inputs
from reports.services.library import recommendation_save
from reports.services.publishing import report_publish, report_unpublish
from reports.services.queue import (
    BUILD_LOCK_NAMESPACE,
    BuildInProgress,
    QueueUnavailable,
    _release_build_lock,
    _try_build_lock,
    new_attempt_id,
    report_request,
    report_retry,
    reports_requeue_stale,
    stuck_reports,
)

__all__ = [
    "BUILD_LOCK_NAMESPACE",
    "BuildInProgress",
    "EmptyInputs",
    "QueueUnavailable",
    "_release_build_lock",
    "_try_build_lock",
    "batch_create",
    "batch_zip",
    "batch_regions",
    "batch_retry_failed",
    "campaign_regions",
    "check_inputs",
    "new_attempt_id",
    "recommendation_save",
    "report_build",
    "report_directory",
    "report_publish",
    "report_request",
    "report_retry",
    "report_unpublish",
    "reports_requeue_stale",
    "stuck_reports",
    "write_atomically",
]
