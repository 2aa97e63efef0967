from mapping.models.campaigns import (
    Answer,
    AnswerChange,
    Campaign,
    ReminderSent,
    Response,
    ResponseEvent,
    ReviewComment,
)
from mapping.models.questionnaires import (
    QUESTION_FIELDS,
    QUESTION_TEXTS,
    SECTION_TEXTS,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from mapping.models.themes import Finding, FindingChange, FindingRule, Theme

__all__ = [
    "QUESTION_FIELDS",
    "QUESTION_TEXTS",
    "SECTION_TEXTS",
    "Answer",
    "AnswerChange",
    "Campaign",
    "Finding",
    "FindingChange",
    "FindingRule",
    "Question",
    "Questionnaire",
    "QuestionnaireVersion",
    "ReminderSent",
    "Response",
    "ResponseEvent",
    "ReviewComment",
    "Section",
    "Theme",
]
