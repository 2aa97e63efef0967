"""Writes of the events app, one module per area: every state change goes through these functions."""

from workshops.selectors import ACTIVE_STATUSES
from workshops.services._common import event_url, waitlist_message
from workshops.services.attendance import registration_check_in
from workshops.services.events import (
    EVENT_FIELDS,
    Conflict,
    EventConflictError,
    agenda_item_add,
    agenda_item_delete,
    event_cancel,
    event_confirm,
    event_conflicts,
    event_create,
    event_mark_held,
    event_update,
    event_validate,
    quota_set,
)
from workshops.services.notices import (
    calendar_update_queue,
    calendar_update_send,
    message_deliver,
    message_recipients,
    message_send,
)
from workshops.services.outcomes import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    attachment_add,
    attachment_validate,
    event_finding_record,
    event_finding_settle,
    feedback_submit,
    minutes_update,
)
from workshops.services.registrations import (
    feed_token_reset,
    offer_accept,
    offers_expire,
    registration_cancel,
    registration_create,
    registration_open_error,
    registration_promote,
    registration_set_role,
)
from workshops.services.reminders import reminders_send_due
from workshops.services.voting import ballot_submit, voting_round_close, voting_round_open

__all__ = [
    "message_deliver",
    "message_recipients",
    "message_send",
    "registration_check_in",
    "calendar_update_queue",
    "calendar_update_send",
    "ACTIVE_STATUSES",
    "ATTACHMENT_EXTENSIONS",
    "ATTACHMENT_MAX_BYTES",
    "Conflict",
    "EVENT_FIELDS",
    "EventConflictError",
    "agenda_item_add",
    "agenda_item_delete",
    "attachment_add",
    "attachment_validate",
    "ballot_submit",
    "event_cancel",
    "event_confirm",
    "event_conflicts",
    "event_create",
    "event_finding_record",
    "event_finding_settle",
    "event_mark_held",
    "event_update",
    "event_url",
    "event_validate",
    "feed_token_reset",
    "feedback_submit",
    "minutes_update",
    "offer_accept",
    "offers_expire",
    "registration_promote",
    "quota_set",
    "registration_cancel",
    "registration_create",
    "registration_open_error",
    "registration_set_role",
    "reminders_send_due",
    "voting_round_close",
    "voting_round_open",
    "waitlist_message",
]
