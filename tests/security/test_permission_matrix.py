"""Every route of the portal, requested as every role, against the expected table below.

The routes come from the URL configuration and the API router, so a new view without a row here fails
the suite, and a view that lets the wrong role in fails it too. Each request runs in a savepoint that is
rolled back, so a write by one role does not change what the next role sees.

Outcomes are HTTP statuses, or "login" for a redirect to a sign-in page; "a|b" accepts either. A denial
is 403 or 404 (reads scoped to the user answer 404, so nothing leaks), or 401/403 from the API for
anonymous users.
"""

from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security import samples as sample_data
from tests.security.samples import ROLES
from tests.security.urls import routes


@dataclass(frozen=True)
class Row:
    kwargs: object = None  # Samples -> URL kwargs
    GET: str = ""
    POST: str = ""
    PUT: str = ""
    PATCH: str = ""
    DELETE: str = ""

    def expected(self, method: str) -> dict[str, str] | None:
        line = getattr(self, method)
        if not line or line == "?":
            return None
        outcomes = line.split()
        assert len(outcomes) == len(ROLES), f"{method} needs one outcome per role {ROLES}: {line!r}"
        return dict(zip(ROLES, outcomes, strict=True))


def by_code(s):
    return {"code": s.region_a.code}


def an_indicator(s):
    from regions.models import Indicator

    indicator, _created = Indicator.objects.get_or_create(code="population", defaults={"label": "Population"})
    return {"code": indicator.code}


def pk_of(name):
    return lambda s: {"pk": s.objects[name].pk}


ALL = "200 200 200 200 200 200"
NOT_ALLOWED = "405 405 405 405 405 405"
SIGNED_IN = "login 200 200 200 200 200"
API_SIGNED_IN = "403 200 200 200 200 200"

REGION_EDITORS = "login 403 200 403 200 200"
REGION_EDITORS_POST_ONLY = "login 405 405 405 405 405"
REGION_EDITORS_POST = "login 403 302 403 302 302"
CURATORS = "login 403 403 403 200 200"
CURATORS_POST_ONLY = "login 405 405 405 405 405"
CURATORS_POST = "login 403 403 403 302 302"


def draft_section(s):
    return {"version_pk": s.draft_version.pk, "pk": s.draft_section.pk}


def draft_question(s):
    return {"version_pk": s.draft_version.pk, "pk": s.draft_question.pk}


def module_code(s):
    return {"code": s.roadmap_module.code}


def nuts_code(s):
    return {"nuts_code": s.region_a.code}


def item_kwargs(s):
    return {"nuts_code": s.region_a.code, "pk": s.roadmap_item.pk}


# route name: Row(kwargs, METHOD="anonymous stakeholder official_a official_b coordinator administrator")
TABLE: dict[str, Row] = {
    # Project and accounts
    "home": Row(GET=ALL, POST=ALL),
    # 503 where no worker has beaten recently: the probe reports, it never needs a login.
    "health": Row(GET="200|503 " * 5 + "200|503", POST="200|503 " * 5 + "200|503"),
    "set_language": Row(GET="302 302 302 302 302 302", POST="302 302 302 302 302 302"),
    "accounts:login": Row(GET="200 302 302 302 302 302", POST="200 302 302 302 302 302"),
    "accounts:logout": Row(GET=NOT_ALLOWED, POST="302 302 302 302 302 302"),
    "accounts:dashboard": Row(GET=SIGNED_IN, POST=SIGNED_IN),
    "accounts:preferences": Row(GET=SIGNED_IN, POST="login 302 302 302 302 302"),
    "accounts:password-change": Row(GET=SIGNED_IN, POST=SIGNED_IN),
    "accounts:password-change-done": Row(GET=SIGNED_IN, POST="login 405 405 405 405 405"),
    "accounts:password-reset": Row(GET=ALL, POST=ALL),
    "accounts:password-reset-done": Row(GET=ALL, POST=NOT_ALLOWED),
    "accounts:password-reset-confirm": Row(
        kwargs=lambda s: {"uidb64": s.reset_uid, "token": s.reset_token},
        GET="302 302 302 302 302 302",
        POST="302 302 302 302 302 302",
    ),
    "accounts:password-reset-complete": Row(GET=ALL, POST=NOT_ALLOWED),
    # Sign-up, profile and personal data (issue 19, part 1)
    "accounts:signup": Row(GET="200 302 302 302 302 302", POST="200 302 302 302 302 302"),
    "accounts:signup-sent": Row(GET=ALL, POST=NOT_ALLOWED),
    # The link verifies the account it names, whoever opens it, then asks to sign in.
    "accounts:signup-verify": Row(
        kwargs=lambda s: {"token": s.signup_token}, GET="login " * 5 + "login", POST=NOT_ALLOWED
    ),
    "accounts:privacy": Row(GET=ALL, POST=NOT_ALLOWED),
    "accounts:profile": Row(GET=SIGNED_IN, POST=SIGNED_IN),
    "accounts:data-export": Row(GET=SIGNED_IN, POST="login 405 405 405 405 405"),
    # An empty POST lacks the password, so nothing is deleted.
    "accounts:account-delete": Row(GET=SIGNED_IN, POST=SIGNED_IN),
    "accounts:invitations": Row(GET=CURATORS, POST=CURATORS),
    "accounts:invitation-accept": Row(kwargs=lambda s: {"token": s.invitation_token}, GET=ALL, POST=ALL),
    # Following and notifications (issue 19, part 4): the sample notification and follow are the stakeholder's.
    "notifications:list": Row(GET=SIGNED_IN, POST="login 405 405 405 405 405"),
    "notifications:read": Row(
        kwargs=pk_of("notification"), GET="login 405 405 405 405 405", POST="login 302 404 404 404 404"
    ),
    "notifications:read-all": Row(GET="login 405 405 405 405 405", POST="login 302 302 302 302 302"),
    # An empty POST names nothing to follow: 404, as for something one may not see.
    "notifications:follow": Row(GET="login 405 405 405 405 405", POST="login 404 404 404 404 404"),
    "notifications:unfollow": Row(GET="login 405 405 405 405 405", POST="login 404 404 404 404 404"),
    "notifications:settings": Row(GET=SIGNED_IN, POST=SIGNED_IN),
    # The signed token is the credential: it works signed out, for whoever holds the link.
    "notifications:unsubscribe": Row(kwargs=lambda s: {"token": s.unsubscribe_token}, GET=ALL, POST=ALL),
    "follow-list": Row(GET=API_SIGNED_IN, POST="403 400 400 400 400 400"),
    "follow-detail": Row(kwargs=pk_of("follow"), DELETE="403 204 404 404 404 404"),
    "notification-list": Row(GET=API_SIGNED_IN),
    "notification-detail": Row(kwargs=pk_of("notification"), GET="403 200 404 404 404 404"),
    "notification-read": Row(kwargs=pk_of("notification"), POST="403 200 404 404 404 404"),
    "notification-read-all": Row(POST="403 200 200 200 200 200"),
    # Mapping
    "mapping:response-open": Row(
        kwargs=lambda s: {"campaign_pk": s.campaign.pk, "code": s.region_a.code},
        # Only a POST starts a response; another region's official gets a 404, started or not.
        GET="login 404 200 404 200 200",
        POST="login 404 302 404 403 403",
    ),
    "mapping:index": Row(GET=SIGNED_IN, POST="login 405 405 405 405 405"),
    "mapping:theme-list": Row(GET=ALL, POST=NOT_ALLOWED),
    "mapping:heatmap": Row(GET=ALL, POST=NOT_ALLOWED),
    "mapping:score-map": Row(GET=ALL, POST=NOT_ALLOWED),
    "mapping:region-results": Row(kwargs=by_code, GET=ALL, POST=NOT_ALLOWED),
    "mapping:finding-list": Row(GET=ALL, POST=NOT_ALLOWED),
    "mapping:finding-create": Row(GET=CURATORS, POST=CURATORS),
    "mapping:finding-status": Row(kwargs=pk_of("finding"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "mapping:finding-edit": Row(kwargs=pk_of("finding"), GET=CURATORS, POST=CURATORS),
    "mapping:rule-list": Row(GET=CURATORS, POST=CURATORS),
    "mapping:rule-toggle": Row(kwargs=pk_of("finding_rule"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "mapping:questionnaire-list": Row(GET=CURATORS, POST=CURATORS),
    "mapping:version-detail": Row(kwargs=pk_of("draft_version"), GET=CURATORS, POST="login 405 405 405 405 405"),
    "mapping:version-diff": Row(
        kwargs=lambda s: {"pk": s.draft_version.pk, "other_pk": s.mapping_version.pk},
        GET=CURATORS,
        POST="login 405 405 405 405 405",
    ),
    # GET shows the logic check and asks for confirmation; POST publishes.
    "mapping:version-publish": Row(kwargs=pk_of("draft_version"), GET=CURATORS, POST=CURATORS_POST),
    "mapping:version-delete": Row(kwargs=pk_of("draft_version"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    # The preview stores nothing: a POST only renders what was typed.
    "mapping:version-preview": Row(kwargs=pk_of("mapping_version"), GET=CURATORS, POST=CURATORS),
    "mapping:version-copy": Row(kwargs=pk_of("mapping_version"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "mapping:section-create": Row(kwargs=lambda s: {"version_pk": s.draft_version.pk}, GET=CURATORS, POST=CURATORS),
    "mapping:section-edit": Row(kwargs=draft_section, GET=CURATORS, POST=CURATORS),
    "mapping:section-delete": Row(kwargs=draft_section, GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "mapping:question-create": Row(kwargs=lambda s: {"version_pk": s.draft_version.pk}, GET=CURATORS, POST=CURATORS),
    "mapping:question-edit": Row(kwargs=draft_question, GET=CURATORS, POST=CURATORS),
    "mapping:question-delete": Row(kwargs=draft_question, GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "mapping:campaign-list": Row(GET=CURATORS, POST="login 405 405 405 405 405"),
    "mapping:campaign-create": Row(GET=CURATORS, POST=CURATORS),
    "mapping:campaign-detail": Row(kwargs=pk_of("answering_campaign"), GET=CURATORS, POST="login 405 405 405 405 405"),
    "mapping:campaign-export": Row(
        kwargs=lambda s: {"pk": s.answering_campaign.pk, "fmt": "csv"},
        GET=CURATORS,
        POST="login 405 405 405 405 405",
    ),
    "mapping:campaign-suggest": Row(kwargs=pk_of("answering_campaign"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    # A region's response: its officials answer, coordinators read and review; others get 404.
    "mapping:response-fill": Row(
        kwargs=pk_of("mapping_response"), GET="login 404 200 404 200 200", POST="login 405 405 405 405 405"
    ),
    "mapping:response-history": Row(
        kwargs=pk_of("mapping_response"), GET="login 404 200 404 200 200", POST="login 405 405 405 405 405"
    ),
    "mapping:response-history-csv": Row(
        kwargs=pk_of("mapping_response"), GET="login 404 200 404 200 200", POST="login 405 405 405 405 405"
    ),
    "mapping:response-print-pdf": Row(
        kwargs=pk_of("mapping_response"), GET="login 404 200 404 200 200", POST="login 405 405 405 405 405"
    ),
    "mapping:response-print": Row(
        kwargs=pk_of("mapping_response"), GET="login 404 200 404 200 200", POST="login 405 405 405 405 405"
    ),
    # Review threads: the region's officials and coordinators reply; only coordinators resolve.
    "mapping:comment-reply": Row(
        kwargs=lambda s: {"pk": s.mapping_response.pk, "comment_pk": s.review_comment.pk},
        GET="login 405 405 405 405 405",
        POST="login 404 302 404 302 302",
    ),
    "mapping:comment-resolve": Row(
        kwargs=lambda s: {"pk": s.mapping_response.pk, "comment_pk": s.review_comment.pk},
        GET="login 405 405 405 405 405",
        POST="login 404 403 404 302 302",
    ),
    "mapping:response-answer": Row(
        kwargs=lambda s: {"pk": s.mapping_response.pk, "question_pk": s.mapping_question.pk},
        GET="login 404 200 404 200 200",
        POST="login 404 302 404 403 403",
    ),
    "mapping:response-submit": Row(
        kwargs=pk_of("mapping_response"), GET=CURATORS_POST_ONLY, POST="login 404 302 404 403 403"
    ),
    "mapping:response-review": Row(
        kwargs=pk_of("mapping_response"), GET="login 404 200 404 200 200", POST="login 404 403 404 403 403"
    ),
    "mapping:response-accept": Row(
        kwargs=pk_of("mapping_response"), GET=CURATORS_POST_ONLY, POST="login 404 403 404 403 403"
    ),
    # Events
    "workshops:event-calendar": Row(GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "workshops:event-create": Row(GET="login 403 403 403 200 200", POST="login 403 403 403 200 200"),
    "workshops:my-events": Row(GET="login 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "workshops:feed-reset": Row(GET="login 405 405 405 405 405", POST="login 302 302 302 302 302"),
    "workshops:feed": Row(
        kwargs=lambda s: {"token": s.feed_token}, GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"
    ),
    "workshops:event-detail": Row(kwargs=pk_of("event"), GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "workshops:event-ics": Row(kwargs=pk_of("event"), GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "workshops:event-edit": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST="login 403 403 403 200 200"
    ),
    "workshops:event-confirm": Row(
        kwargs=pk_of("planned_event"), GET="login 405 405 405 405 405", POST="login 404 404 404 302 302"
    ),
    "workshops:event-held": Row(
        kwargs=pk_of("event"), GET="login 405 405 405 405 405", POST="login 403 403 403 302 302"
    ),
    "workshops:event-cancel": Row(
        kwargs=pk_of("event"), GET="login 405 405 405 405 405", POST="login 403 403 403 302 302"
    ),
    "workshops:agenda-add": Row(
        kwargs=pk_of("event"), GET="login 405 405 405 405 405", POST="login 403 403 403 302 302"
    ),
    "workshops:agenda-delete": Row(
        kwargs=lambda s: {"pk": s.event.pk, "item_pk": s.agenda_item.pk},
        GET="login 405 405 405 405 405",
        POST="login 403 403 403 302 302",
    ),
    "workshops:quota-set": Row(
        kwargs=pk_of("event"), GET="login 405 405 405 405 405", POST="login 403 403 403 302 302"
    ),
    "workshops:register": Row(kwargs=pk_of("event"), GET="login 405 405 405 405 405", POST="login 302 302 302 302 302"),
    # GET is the confirmation page; only the registrant has a registration to cancel.
    "workshops:unregister": Row(
        kwargs=pk_of("event"), GET="login 200 404 404 404 404", POST="login 302 404 404 404 404"
    ),
    "workshops:offer-accept": Row(
        kwargs=pk_of("event"), GET="login 405 405 405 405 405", POST="login 302 404 404 404 404"
    ),
    "workshops:registration-promote": Row(
        kwargs=lambda s: {"pk": s.event.pk, "registration_pk": s.waiting_registration.pk},
        GET="login 405 405 405 405 405",
        POST="login 403 403 403 302 302",
    ),
    "workshops:event-participants": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST="405 405 405 405 405 405"
    ),
    "workshops:event-participants-csv": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST="405 405 405 405 405 405"
    ),
    "workshops:registration-cancel": Row(
        kwargs=lambda s: {"pk": s.event.pk, "registration_pk": s.registration.pk},
        GET="login 200 403 403 200 200",
        POST="login 302 403 403 302 302",
    ),
    "workshops:check-in": Row(kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST=NOT_ALLOWED),
    "workshops:check-in-toggle": Row(
        kwargs=lambda s: {"pk": s.event.pk, "registration_pk": s.registration.pk},
        GET="login 405 405 405 405 405",
        POST="login 403 403 403 302 302",
    ),
    "workshops:sign-in-sheet": Row(kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST=NOT_ALLOWED),
    "workshops:badges": Row(kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST=NOT_ALLOWED),
    # An empty POST is refused with the form's messages (400); the form is the coordinators' only.
    "workshops:event-messages": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST="login 403 403 403 400 400"
    ),
    "workshops:feedback-questions": Row(GET="login 403 403 403 200 200", POST="login 403 403 403 400 400"),
    "workshops:feedback-question-retire": Row(
        kwargs=lambda s: {"question_pk": s.feedback_question.pk},
        GET="login 405 405 405 405 405",
        POST="login 403 403 403 302 302",
    ),
    "workshops:feedback-export": Row(kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST=NOT_ALLOWED),
    "workshops:event-feedback": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 403 403", POST="login 403 403 403 403 403"
    ),
    "workshops:event-outcomes": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST="login 403 403 403 400 400"
    ),
    # Files go out only through this view: the sample belongs to an event that is not public yet.
    "workshops:attachment-download": Row(
        kwargs=lambda s: {"pk": s.planned_event.pk, "attachment_pk": s.restricted_attachment.pk},
        GET="404 404 404 404 200 200",
        POST="405 405 405 405 405 405",
    ),
    "workshops:round-create": Row(
        kwargs=pk_of("event"), GET="login 403 403 403 200 200", POST="login 403 403 403 200 200"
    ),
    "workshops:round-detail": Row(
        kwargs=lambda s: {"pk": s.event.pk, "round_pk": s.voting_round.pk},
        # Anyone who may see the event but is no participant gets the "only participants can vote" page.
        GET="login 200 403 403 200 200",
        POST="login 302 403 403 403 403",
    ),
    "workshops:round-ranking": Row(
        kwargs=lambda s: {"pk": s.event.pk, "round_pk": s.voting_round.pk},
        GET="login 200 403 403 200 200",
        POST="405 405 405 405 405 405",
    ),
    # The participant has not voted in an open round: the result is still hidden from them.
    "workshops:round-result": Row(
        kwargs=lambda s: {"pk": s.event.pk, "round_pk": s.voting_round.pk},
        GET="login 403 403 403 200 200",
        POST="405 405 405 405 405 405",
    ),
    "workshops:round-close": Row(
        kwargs=lambda s: {"pk": s.event.pk, "round_pk": s.voting_round.pk},
        GET="login 405 405 405 405 405",
        POST="login 403 403 403 302 302",
    ),
    # API
    # Events API
    "event-list": Row(GET="200 200 200 200 200 200", POST="403 403 403 403 400 400"),
    "event-detail": Row(
        kwargs=pk_of("event"),
        GET="200 200 200 200 200 200",
        PUT="403 403 403 403 400 400",
        PATCH="403 403 403 403 200 200",
    ),
    "event-confirm": Row(kwargs=pk_of("planned_event"), POST="403 404 404 404 200 200"),
    "event-cancel": Row(kwargs=pk_of("event"), POST="403 403 403 403 400 400"),
    "event-agenda": Row(kwargs=pk_of("event"), GET="200 200 200 200 200 200", POST="403 403 403 403 400 400"),
    "event-registrations": Row(kwargs=pk_of("event"), GET="403 200 200 200 200 200", POST="403 400 201 201 201 201"),
    "event-votes": Row(kwargs=pk_of("event"), GET="403 200 403 403 200 200", POST="403 403 403 403 400 400"),
    "event-vote-ballot": Row(
        kwargs=lambda s: {"pk": s.event.pk, "round_pk": s.voting_round.pk}, POST="403 400 403 403 403 403"
    ),
    "event-vote-close": Row(
        kwargs=lambda s: {"pk": s.event.pk, "round_pk": s.voting_round.pk}, POST="403 403 403 403 200 200"
    ),
    "registration-list": Row(GET="403 200 200 200 200 200"),
    "registration-detail": Row(kwargs=pk_of("registration"), DELETE="403 204 404 404 404 404"),
    "api-root": Row(GET=ALL),
    "api-schema": Row(GET=ALL),
    "api-docs": Row(GET=ALL),
    "api-token": Row(POST="400 400 400 400 400 400", DELETE="403 204 204 204 204 204"),
    "api-token-list": Row(GET=API_SIGNED_IN),
    # A token is its owner's alone: anyone else's attempt to revoke it is a 404.
    "api-token-detail": Row(kwargs=pk_of("api_token"), DELETE="403 204 404 404 404 404"),
    "api-me": Row(GET=API_SIGNED_IN, PATCH=API_SIGNED_IN),
    # Mapping API
    "theme-list": Row(GET=ALL),
    "theme-detail": Row(kwargs=lambda s: {"code": "DATA"}, GET=ALL),
    "questionnaire-list": Row(GET=ALL, POST="403 403 403 403 400 400"),
    "questionnaire-detail": Row(kwargs=lambda s: {"pk": s.mapping_version.questionnaire_id}, GET=ALL),
    "questionnaire-version": Row(
        kwargs=lambda s: {"pk": s.mapping_version.questionnaire_id, "number": s.mapping_version.number}, GET=ALL
    ),
    "questionnaire-version-list": Row(GET=ALL),
    # Drafts are for coordinators; the public and officials see published versions only.
    "questionnaire-version-detail": Row(
        kwargs=pk_of("draft_version"), GET="404 404 404 404 200 200", DELETE="403 403 403 403 204 204"
    ),
    "questionnaire-version-check": Row(kwargs=pk_of("draft_version"), GET="403 403 403 403 200 200"),
    "questionnaire-version-publish": Row(kwargs=pk_of("draft_version"), POST="403 403 403 403 200 200"),
    # The sample questionnaire has a draft already: copying opens it (200) instead of a second one.
    "questionnaire-version-copy": Row(kwargs=pk_of("mapping_version"), POST="403 403 403 403 200 200"),
    "questionnaire-version-diff": Row(kwargs=pk_of("draft_version"), GET="403 403 403 403 400 400"),
    "question-list": Row(GET="403 200 200 200 200 200", POST="403 403 403 403 400 400"),
    "question-detail": Row(
        kwargs=pk_of("draft_question"),
        GET="403 404 404 404 200 200",
        PUT="403 404 404 404 200 200",
        PATCH="403 404 404 404 200 200",
        DELETE="403 404 404 404 204 204",
    ),
    "campaign-list": Row(GET=ALL, POST="403 403 403 403 400 400"),
    "campaign-detail": Row(kwargs=pk_of("answering_campaign"), GET="404 404 200 404 200 200"),
    "campaign-export": Row(
        kwargs=lambda s: {"pk": s.answering_campaign.pk, "fmt": "csv"}, GET="403 403 403 403 200 200"
    ),
    "response-list": Row(GET="403 200 200 200 200 200", POST="403 403 400 400 403 403"),
    "response-detail": Row(kwargs=pk_of("mapping_response"), GET="403 404 200 404 200 200"),
    "response-answers": Row(
        kwargs=pk_of("mapping_response"), GET="403 404 200 404 200 200", POST="403 404 400 404 403 403"
    ),
    "response-comments": Row(kwargs=pk_of("mapping_response"), GET="403 404 200 404 200 200"),
    "response-timeline": Row(kwargs=pk_of("mapping_response"), GET="403 404 200 404 200 200"),
    "response-comment-reply": Row(
        kwargs=lambda s: {"pk": s.mapping_response.pk, "comment_pk": s.review_comment.pk},
        POST="403 404 400 404 400 400",
    ),
    "response-comment-resolve": Row(
        kwargs=lambda s: {"pk": s.mapping_response.pk, "comment_pk": s.review_comment.pk},
        POST="403 404 403 404 400 400",
    ),
    "response-submit": Row(kwargs=pk_of("mapping_response"), POST="403 404 400 404 403 403"),
    "response-return-": Row(kwargs=pk_of("mapping_response"), POST="403 404 403 404 403 403"),
    "response-accept": Row(kwargs=pk_of("mapping_response"), POST="403 404 403 404 403 403"),
    "finding-list": Row(GET=ALL, POST="403 403 403 403 400 400"),
    "finding-detail": Row(
        kwargs=pk_of("finding"), GET=ALL, PUT="403 405 405 405 405 405", PATCH="403 403 403 403 400 400"
    ),
    "analytics-heatmap": Row(GET=ALL),
    # Regions
    "regions:region-list": Row(GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:region-map": Row(GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:region-map-csv": Row(GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:region-detail": Row(kwargs=by_code, GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:region-edit": Row(kwargs=by_code, GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"),
    "regions:region-network": Row(kwargs=by_code, GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:network": Row(GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:population-group-create": Row(GET="login 403 200 200 200 200", POST="login 403 200 200 200 200"),
    "regions:population-group-detail": Row(
        kwargs=pk_of("population_group"), GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"
    ),
    "regions:population-group-edit": Row(
        kwargs=pk_of("population_group"), GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"
    ),
    "regions:organisation-list": Row(GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"),
    "regions:organisation-register": Row(GET="login 200 200 200 200 200", POST="login 200 200 200 200 200"),
    "regions:organisation-detail": Row(
        kwargs=pk_of("organisation"), GET="200 200 200 200 200 200", POST="405 405 405 405 405 405"
    ),
    "regions:organisation-edit": Row(
        kwargs=pk_of("organisation"), GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"
    ),
    "regions:organisation-review": Row(
        kwargs=pk_of("organisation"), GET="login 405 405 405 405 405", POST="login 403 403 403 302 302"
    ),
    # Coordinators review a stakeholder's changes and links; the region's officials see them (403), others 404.
    "regions:revision-review": Row(
        kwargs=pk_of("organisation_revision"), GET="login 405 405 405 405 405", POST="login 404 403 404 302 302"
    ),
    "regions:link-review": Row(
        kwargs=pk_of("pending_link"), GET="login 405 405 405 405 405", POST="login 404 403 403 302 302"
    ),
    "regions:contact-create": Row(
        kwargs=pk_of("organisation"), GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"
    ),
    "regions:link-create": Row(
        kwargs=pk_of("organisation"), GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"
    ),
    "regions:contact-export": Row(
        kwargs=pk_of("contact"), GET="login 404 200 404 200 200", POST="405 405 405 405 405 405"
    ),
    "regions:contact-erase": Row(
        kwargs=pk_of("contact"), GET="login 404 200 404 200 200", POST="login 404 302 404 302 302"
    ),
    "region-list": Row(GET="200 200 200 200 200 200"),
    "indicator-list": Row(GET="200 200 200 200 200 200"),
    "indicator-detail": Row(kwargs=an_indicator, GET="200 200 200 200 200 200"),
    "indicator-value-list": Row(GET="200 200 200 200 200 200"),
    "region-indicators": Row(kwargs=by_code, GET="200 200 200 200 200 200"),
    "region-detail": Row(kwargs=by_code, GET="200 200 200 200 200 200", PATCH="403 403 400 403 400 400"),
    "population-group-list": Row(GET="200 200 200 200 200 200", POST="403 403 400 400 400 400"),
    "population-group-detail": Row(
        kwargs=pk_of("population_group"),
        GET="200 200 200 200 200 200",
        PUT="403 405 405 405 405 405",
        PATCH="403 403 200 403 200 200",
        DELETE="403 405 405 405 405 405",
    ),
    "organisation-list": Row(GET="200 200 200 200 200 200", POST="403 400 400 400 400 400"),
    "organisation-detail": Row(
        kwargs=pk_of("organisation"),
        GET="200 200 200 200 200 200",
        PUT="403 405 405 405 405 405",
        PATCH="403 403 200 403 200 200",
        DELETE="403 405 405 405 405 405",
    ),
    "organisation-review": Row(kwargs=pk_of("organisation"), POST="403 403 403 403 400 400"),
    "organisation-review-changes": Row(kwargs=pk_of("organisation"), POST="403 403 403 403 400 400"),
    "organisation-link-list": Row(GET="200 200 200 200 200 200", POST="403 400 400 400 400 400"),
    "organisation-link-detail": Row(
        kwargs=pk_of("organisation_link"), GET="200 200 200 200 200 200", DELETE="403 403 204 204 204 204"
    ),
    "organisation-link-review": Row(kwargs=pk_of("pending_link"), POST="403 404 403 403 400 400"),
    "contact-list": Row(GET="403 403 200 200 200 200", POST="403 403 400 400 400 400"),
    "contact-detail": Row(kwargs=pk_of("contact"), GET="403 403 200 404 200 200", DELETE="403 403 204 404 204 204"),
    "contact-export": Row(kwargs=pk_of("contact"), GET="403 403 200 404 200 200"),
    # Roadmap: public pages, the region builder (coordinators and the region's officials), the library
    "roadmap:home": Row(GET=ALL, POST=NOT_ALLOWED),
    "roadmap:dependencies": Row(GET=ALL, POST=NOT_ALLOWED),
    "roadmap:module": Row(kwargs=module_code, GET=ALL, POST=NOT_ALLOWED),
    "roadmap:region": Row(kwargs=nuts_code, GET=ALL, POST=NOT_ALLOWED),
    "roadmap:partners": Row(kwargs=nuts_code, GET=ALL, POST=NOT_ALLOWED),
    "roadmap:builder": Row(kwargs=nuts_code, GET=REGION_EDITORS, POST=REGION_EDITORS_POST_ONLY),
    "roadmap:builder-add": Row(kwargs=nuts_code, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:builder-settings": Row(kwargs=nuts_code, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:builder-publish": Row(kwargs=nuts_code, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:item-move": Row(kwargs=item_kwargs, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:item-update": Row(kwargs=item_kwargs, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:item-remove": Row(kwargs=item_kwargs, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:milestone-add": Row(kwargs=item_kwargs, GET=REGION_EDITORS_POST_ONLY, POST=REGION_EDITORS_POST),
    "roadmap:milestone-toggle": Row(
        kwargs=lambda s: {"nuts_code": s.region_a.code, "pk": s.roadmap_milestone.pk},
        GET=REGION_EDITORS_POST_ONLY,
        POST=REGION_EDITORS_POST,
    ),
    "roadmap:library": Row(GET=CURATORS, POST=CURATORS_POST_ONLY),
    "roadmap:module-new": Row(GET=CURATORS, POST=CURATORS),
    "roadmap:module-edit": Row(kwargs=module_code, GET=CURATORS, POST=CURATORS),
    "roadmap:module-action-add": Row(kwargs=module_code, GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "roadmap:module-action-delete": Row(
        kwargs=lambda s: {"code": s.roadmap_module.code, "pk": s.roadmap_action.pk},
        GET=CURATORS_POST_ONLY,
        POST=CURATORS_POST,
    ),
    "roadmap:module-evidence-add": Row(kwargs=module_code, GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "roadmap:module-publish": Row(kwargs=module_code, GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "roadmap:pilots": Row(GET=ALL, POST=NOT_ALLOWED),
    "roadmap:pilot": Row(kwargs=lambda s: {"slug": s.pilot.slug}, GET=ALL, POST=NOT_ALLOWED),
    "roadmap:pilot-new": Row(GET=CURATORS, POST=CURATORS),
    "roadmap:pilot-edit": Row(kwargs=lambda s: {"slug": s.pilot.slug}, GET=CURATORS, POST=CURATORS),
    "module-list": Row(GET=ALL),
    "module-detail": Row(kwargs=module_code, GET=ALL),
    "roadmap-list": Row(GET=ALL),
    "roadmap-detail": Row(kwargs=nuts_code, GET=ALL),
    "pilot-list": Row(GET=ALL),
    "pilot-detail": Row(kwargs=lambda s: {"slug": s.pilot.slug}, GET=ALL),
    "region-partners": Row(kwargs=nuts_code, GET=ALL),
    # Without ?q= the search answers 400 with the field to fill in.
    "roadmap-search": Row(GET="400 400 400 400 400 400"),
    # Participation: consultations, moderation, the best-practice library, interest
    "participation:consultations": Row(GET=ALL, POST=NOT_ALLOWED),
    "participation:consultation": Row(kwargs=pk_of("consultation"), GET=ALL, POST=NOT_ALLOWED),
    "participation:consultation-summary": Row(kwargs=pk_of("consultation"), GET=ALL, POST=NOT_ALLOWED),
    # GET is the reply form; an empty comment is refused with the form's message (400).
    "participation:comment-create": Row(
        kwargs=pk_of("consultation"), GET="login 200 200 200 200 200", POST="login 400 400 400 400 400"
    ),
    "participation:endorse": Row(
        kwargs=lambda s: {"pk": s.consultation.pk, "code": "SAMPLE-01"},
        GET="login 405 405 405 405 405",
        POST="login 302 302 302 302 302",
    ),
    "participation:follow": Row(
        kwargs=pk_of("consultation"), GET="login 405 405 405 405 405", POST="login 302 302 302 302 302"
    ),
    "participation:consultation-close": Row(
        kwargs=pk_of("consultation"), GET="login 405 405 405 405 405", POST="login 403 302 403 302 302"
    ),
    "participation:change-new": Row(
        kwargs=pk_of("consultation"), GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"
    ),
    "participation:comment-hide": Row(
        kwargs=lambda s: {"pk": s.consultation.pk, "comment_pk": s.comment.pk}, GET=CURATORS, POST=CURATORS
    ),
    # The author cannot report their own comment.
    "participation:comment-report": Row(
        kwargs=lambda s: {"pk": s.consultation.pk, "comment_pk": s.comment.pk},
        GET="login 403 200 200 200 200",
        POST="login 403 200 200 200 200",
    ),
    "participation:consultation-new": Row(
        kwargs=nuts_code, GET="login 403 200 403 200 200", POST="login 403 200 403 200 200"
    ),
    "participation:moderation": Row(GET=CURATORS, POST=CURATORS),
    "participation:report-dismiss": Row(kwargs=pk_of("abuse_report"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "participation:user-block": Row(
        kwargs=lambda s: {"user_pk": s.users["stakeholder"].pk}, GET=CURATORS_POST_ONLY, POST=CURATORS_POST
    ),
    "participation:best-practices": Row(GET=ALL, POST=NOT_ALLOWED),
    "participation:best-practice-new": Row(GET="login 403 200 200 200 200", POST="login 403 200 200 200 200"),
    # The sample is a draft of region A: hidden (404) from everyone but its officials and coordinators.
    "participation:best-practice": Row(
        kwargs=pk_of("best_practice"), GET="404 404 200 404 200 200", POST="405 405 405 405 405 405"
    ),
    "participation:best-practice-edit": Row(
        kwargs=pk_of("best_practice"), GET="login 404 200 404 200 200", POST="login 404 200 404 200 200"
    ),
    "participation:best-practice-review": Row(
        kwargs=lambda s: {"pk": s.best_practice.pk, "action": "submit"},
        GET="login 405 405 405 405 405",
        POST="login 404 302 404 302 302",
    ),
    "participation:finding-promote": Row(
        kwargs=pk_of("strength"), GET="login 405 405 405 405 405", POST="login 403 302 403 302 302"
    ),
    "participation:interests": Row(GET=SIGNED_IN, POST="login 405 405 405 405 405"),
    # The sender reads their interest; the pilot's region officials and coordinators read and reply.
    "participation:interest": Row(
        kwargs=pk_of("interest"), GET="login 200 200 404 200 200", POST="login 403 200 404 200 200"
    ),
    "participation:pilot-interest": Row(kwargs=lambda s: {"key": s.pilot.slug}, GET=SIGNED_IN, POST=SIGNED_IN),
    "participation:region-interest": Row(kwargs=lambda s: {"key": s.region_b.code}, GET=SIGNED_IN, POST=SIGNED_IN),
    "consultation-list": Row(GET=ALL),
    "consultation-detail": Row(kwargs=pk_of("consultation"), GET=ALL),
    # An empty body is refused with field messages; anonymous users are refused before that.
    "comment-list": Row(GET=ALL, POST="403 400 400 400 400 400"),
    "comment-detail": Row(kwargs=pk_of("comment"), GET=ALL),
    "endorsement-list": Row(GET=ALL, POST="403 400 400 400 400 400"),
    # Reports: drafts for coordinators and the region's officials; batches and the library for coordinators.
    # The sample report has no files, so its downloads answer 404 to everyone (tests/reports covers them).
    "reports:report-list": Row(GET=ALL, POST=NOT_ALLOWED),
    "reports:report-request": Row(GET="login 405 405 405 405 405", POST="login 403 302 302 302 302"),
    "reports:report-detail": Row(kwargs=pk_of("report"), GET="404 404 200 404 200 200", POST="405 405 405 405 405 405"),
    "reports:report-status": Row(kwargs=pk_of("report"), GET="404 404 200 404 200 200", POST="405 405 405 405 405 405"),
    "reports:report-html": Row(kwargs=pk_of("report"), GET="404 404 404 404 404 404", POST="405 405 405 405 405 405"),
    "reports:report-pdf": Row(kwargs=pk_of("report"), GET="404 404 404 404 404 404", POST="405 405 405 405 405 405"),
    "reports:report-publish": Row(
        kwargs=pk_of("report"), GET="login 405 405 405 405 405", POST="login 404 403 404 302 302"
    ),
    "reports:report-unpublish": Row(
        kwargs=pk_of("report"), GET="login 405 405 405 405 405", POST="login 404 403 404 302 302"
    ),
    "reports:report-retry": Row(
        kwargs=pk_of("report"), GET="login 405 405 405 405 405", POST="login 404 403 404 403 403"
    ),
    "reports:batch-create": Row(GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    "reports:batch-detail": Row(kwargs=pk_of("report_batch"), GET=CURATORS, POST=CURATORS_POST_ONLY),
    "reports:batch-progress": Row(kwargs=pk_of("report_batch"), GET=CURATORS, POST=CURATORS_POST_ONLY),
    "reports:batch-retry": Row(kwargs=pk_of("report_batch"), GET=CURATORS_POST_ONLY, POST=CURATORS_POST),
    # The sample batch's report has no file: nothing to zip, 404 for those who may download.
    "reports:batch-zip": Row(kwargs=pk_of("report_batch"), GET="login 403 403 403 404 404", POST=CURATORS_POST_ONLY),
    "reports:recommendation-list": Row(GET=CURATORS, POST=CURATORS_POST_ONLY),
    "reports:recommendation-create": Row(GET=CURATORS, POST=CURATORS),
    "reports:recommendation-edit": Row(kwargs=pk_of("recommendation"), GET=CURATORS, POST=CURATORS),
    "report-list": Row(GET=ALL, POST="403 403 400 400 400 400"),
    "report-detail": Row(kwargs=pk_of("report"), GET="404 404 200 404 200 200"),
    # The sample report is done: neither failed nor stuck, so a retry is a conflict for those who may retry.
    "report-retry": Row(kwargs=pk_of("report"), POST="403 404 409 404 409 409"),
    "reports-api-html": Row(kwargs=pk_of("report"), GET="404 404 404 404 404 404"),
    "reports-api-pdf": Row(kwargs=pk_of("report"), GET="404 404 404 404 404 404"),
    "report-batch-list": Row(POST="403 403 403 403 201 201"),
    "report-batch-detail": Row(kwargs=pk_of("report_batch"), GET="403 403 403 403 200 200"),
    "recommendation-list": Row(GET="403 403 403 403 200 200"),
    "recommendation-detail": Row(kwargs=pk_of("recommendation"), GET="403 403 403 403 200 200"),
}


ROUTES = routes()


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        path = urlparse(response["Location"]).path
        if path in (reverse(settings.LOGIN_URL), reverse("admin:login")):
            return "login"
    return str(response.status_code)


def request(client: Client, method: str, url: str, is_api: bool):
    if is_api:
        return client.generic(method, url, data="{}" if method != "GET" else "", content_type="application/json")
    if method == "POST":
        return client.post(url, {})
    return client.generic(method, url)


def actual_outcomes(route, row: Row, s) -> dict[str, dict[str, str]]:
    url = reverse(route.key, kwargs=row.kwargs(s) if row.kwargs else None)
    found: dict[str, dict[str, str]] = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if s.users[role] is not None:
            client.force_login(s.users[role])
        for method in route.methods:
            with transaction.atomic():
                response = request(client, method, url, route.is_api)
                transaction.set_rollback(True)
            found.setdefault(method, {})[role] = outcome(response)
    return found


def as_row(found: dict[str, dict[str, str]]) -> str:
    return ", ".join(f'{method}="{" ".join(found[method][r] for r in ROLES)}"' for method in found)


def test_table_has_a_row_for_every_route():
    missing = [r.key for r in ROUTES if r.key not in TABLE]
    assert missing == [], f"routes without an expected row in {__name__}.TABLE: {missing}"


def test_table_has_no_row_for_a_route_that_is_gone():
    known = {r.key for r in ROUTES}
    assert sorted(set(TABLE) - known) == []


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.key in TABLE], ids=lambda r: r.key)
def test_route_answers_each_role_as_the_table_says(route):
    row = TABLE[route.key]
    s = sample_data.build()

    found = actual_outcomes(route, row, s)

    expected = {method: row.expected(method) for method in found}
    matched = {method: {role: (expected[method] or {}).get(role, "?") for role in ROLES} for method in found}
    for method, outcomes in found.items():
        for role, got in outcomes.items():
            if got in matched[method][role].split("|"):
                matched[method][role] = got
    assert found == matched, f"{route.key} ({route.route}) answered: Row({as_row(found)})"
