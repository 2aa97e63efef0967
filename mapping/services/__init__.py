"""Writes of the mapping app, one module per area; import them from here."""

from mapping.services.campaigns import campaign_create, reminders_send
from mapping.services.findings import finding_create, finding_set_status, findings_suggest
from mapping.services.questionnaires import (
    VersionFrozen,
    question_create,
    question_delete,
    question_update,
    questionnaire_create,
    section_create,
    section_delete,
    section_update,
    version_copy,
    version_diff,
    version_publish,
)
from mapping.services.responses import (
    AnswerConflict,
    ResponseLocked,
    answer_save,
    completeness,
    response_accept,
    response_missing,
    response_return,
    response_start,
    response_submit,
    version_questions,
)

__all__ = [
    "AnswerConflict",
    "ResponseLocked",
    "VersionFrozen",
    "answer_save",
    "campaign_create",
    "completeness",
    "finding_create",
    "finding_set_status",
    "findings_suggest",
    "question_create",
    "question_delete",
    "question_update",
    "questionnaire_create",
    "reminders_send",
    "response_accept",
    "response_missing",
    "response_return",
    "response_start",
    "response_submit",
    "section_create",
    "section_delete",
    "section_update",
    "version_copy",
    "version_diff",
    "version_publish",
    "version_questions",
]
