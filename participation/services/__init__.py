from participation.services.best_practices import (
    best_practice_from_finding,
    best_practice_publish,
    best_practice_return,
    best_practice_save,
    best_practice_submit,
)
from participation.services.consultations import (
    comment_create,
    consultation_close,
    consultation_open,
    endorsement_create,
    endorsement_toggle,
    item_change_record,
)
from participation.services.interests import interest_create, interest_reply
from participation.services.moderation import (
    abuse_report_create,
    abuse_report_dismiss,
    comment_hide,
    comment_unhide,
    user_block,
    user_unblock,
)

__all__ = [
    "abuse_report_create",
    "abuse_report_dismiss",
    "best_practice_from_finding",
    "best_practice_publish",
    "best_practice_return",
    "best_practice_save",
    "best_practice_submit",
    "comment_create",
    "comment_hide",
    "comment_unhide",
    "consultation_close",
    "consultation_open",
    "endorsement_create",
    "endorsement_toggle",
    "interest_create",
    "interest_reply",
    "item_change_record",
    "user_block",
    "user_unblock",
]
