from participation.views.consultations import (
    change_new,
    comment_create,
    consultation_close,
    consultation_detail,
    consultation_list,
    consultation_new,
    consultation_summary,
    endorse,
    follow,
)
from participation.views.interests import interest_detail, interest_list, interest_new
from participation.views.library import (
    best_practice_detail,
    best_practice_edit,
    best_practice_list,
    best_practice_review,
    finding_promote,
)
from participation.views.moderation import comment_hide, comment_report, moderation, report_dismiss, user_block

__all__ = [
    "best_practice_detail",
    "best_practice_edit",
    "best_practice_list",
    "best_practice_review",
    "change_new",
    "comment_create",
    "comment_hide",
    "comment_report",
    "consultation_close",
    "consultation_detail",
    "consultation_list",
    "consultation_new",
    "consultation_summary",
    "endorse",
    "finding_promote",
    "follow",
    "interest_detail",
    "interest_list",
    "interest_new",
    "moderation",
    "report_dismiss",
    "user_block",
]
