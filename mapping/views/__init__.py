from mapping.views.campaigns import (  # noqa: F401
    campaign_create,
    campaign_detail,
    campaign_export,
    campaign_list,
    campaign_suggest_findings,
    index,
)
from mapping.views.findings import (  # noqa: F401
    finding_create,
    finding_edit,
    finding_list,
    finding_status,
    rule_list,
    rule_toggle,
)
from mapping.views.preview import version_preview  # noqa: F401
from mapping.views.questionnaires import (  # noqa: F401
    question_delete,
    question_edit,
    questionnaire_list,
    section_delete,
    section_edit,
    version_copy,
    version_delete,
    version_detail,
    version_diff,
    version_publish,
)
from mapping.views.responses import (  # noqa: F401
    response_accept,
    response_answer,
    response_fill,
    response_open,
    response_review,
    response_submit,
)
from mapping.views.results import heatmap, region_results, score_map, theme_list  # noqa: F401
from mapping.views.review import (  # noqa: F401
    comment_reply,
    comment_resolve,
    response_history,
    response_history_csv,
    response_print,
    response_print_pdf,
)
