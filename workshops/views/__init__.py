"""Pages of the events app, one module per area; the URL configuration imports them from here."""

from workshops.views._common import VIEWER_TZ_COOKIE, viewer_tz
from workshops.views.attendance import badges_pdf, check_in, check_in_toggle, sign_in_sheet
from workshops.views.calendars import event_ics, feed
from workshops.views.events import (
    agenda_item_add,
    agenda_item_delete,
    event_calendar,
    event_cancel,
    event_confirm,
    event_create,
    event_detail,
    event_edit,
    event_mark_held,
    quota_set,
)
from workshops.views.feedback import feedback_export, feedback_question_retire, feedback_questions
from workshops.views.messages import event_messages
from workshops.views.outcomes import attachment_download, feedback, outcomes
from workshops.views.registrations import (
    event_participants,
    event_participants_csv,
    feed_reset,
    my_events,
    offer_accept,
    register,
    registration_cancel,
    registration_promote,
    unregister,
)
from workshops.views.voting import round_close, round_detail, round_ranking, round_result, voting_round_new

__all__ = [
    "feedback_export",
    "feedback_question_retire",
    "feedback_questions",
    "badges_pdf",
    "check_in",
    "check_in_toggle",
    "event_messages",
    "sign_in_sheet",
    "VIEWER_TZ_COOKIE",
    "agenda_item_add",
    "agenda_item_delete",
    "attachment_download",
    "event_calendar",
    "event_cancel",
    "event_confirm",
    "event_create",
    "event_detail",
    "event_edit",
    "event_ics",
    "event_mark_held",
    "event_participants",
    "event_participants_csv",
    "feed",
    "feed_reset",
    "feedback",
    "my_events",
    "outcomes",
    "quota_set",
    "register",
    "offer_accept",
    "registration_cancel",
    "registration_promote",
    "round_close",
    "round_detail",
    "round_ranking",
    "round_result",
    "unregister",
    "viewer_tz",
    "voting_round_new",
]
