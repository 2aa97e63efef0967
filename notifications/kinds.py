"""The kinds of notification: a code, stored on each row, and the message shown for it.

Messages are lazy and rendered in the recipient's language (`render`), never the sender's: a
notification is made in one request and read, or mailed, in another person's language later.
Placeholders: `%(actor)s` (who did it) and `%(about)s` (what it is about).
"""

from contextlib import nullcontext
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


@dataclass(frozen=True)
class Kind:
    code: str
    message: Promise
    # Said instead of `message` when the notification has no actor (the portal did it).
    message_no_actor: Promise


CONSULTATION_OPENED = "consultation_opened"
COMMENT_REPLY = "comment_reply"
REGION_ANSWER = "region_answer"
ROADMAP_PUBLISHED = "roadmap_published"
BEST_PRACTICE_PUBLISHED = "best_practice_published"
EVENT_ANNOUNCED = "event_announced"
INTEREST_RECEIVED = "interest_received"
INTEREST_REPLY = "interest_reply"

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            CONSULTATION_OPENED,
            _("%(actor)s opened a consultation: %(about)s"),
            _("A consultation opened: %(about)s"),
        ),
        Kind(
            COMMENT_REPLY,
            _("%(actor)s replied to your comment on %(about)s"),
            _("Someone replied to your comment on %(about)s"),
        ),
        Kind(
            REGION_ANSWER,
            _("%(actor)s answered for the region on %(about)s"),
            _("The region answered on %(about)s"),
        ),
        Kind(
            ROADMAP_PUBLISHED,
            _("%(actor)s published a roadmap version: %(about)s"),
            _("A roadmap version was published: %(about)s"),
        ),
        Kind(
            BEST_PRACTICE_PUBLISHED,
            _("%(actor)s published a best practice: %(about)s"),
            _("A best practice was published: %(about)s"),
        ),
        Kind(
            EVENT_ANNOUNCED,
            _("%(actor)s announced an event: %(about)s"),
            _("An event was announced: %(about)s"),
        ),
        Kind(
            INTEREST_RECEIVED,
            _("%(actor)s expressed interest in %(about)s"),
            _("Someone expressed interest in %(about)s"),
        ),
        Kind(
            INTEREST_REPLY,
            _("%(actor)s replied to your interest in %(about)s"),
            _("You have a reply to your interest in %(about)s"),
        ),
    )
}

CHOICES = [(code, code) for code in KINDS]


def get(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"Unknown notification kind {code!r}; add it to notifications/kinds.py.") from None


def render(code: str, *, actor: str | None, about: str, language: str | None = None) -> str:
    """The message of a notification, in `language` (the recipient's) when given."""
    kind = get(code)
    message = kind.message if actor else kind.message_no_actor
    with override(language) if language else nullcontext():
        return str(message) % {"actor": actor or "", "about": about}
