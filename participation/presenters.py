"""A consultation's comments as HTML, built in Python: a page of a thousand comments through the template
engine costs about a millisecond each, this a few microseconds. The markup matches what a template would
draw; bodies are already sanitised HTML (participation.text), everything else is escaped here."""

from html import escape

from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from participation.selectors import Entry


class CommentList:
    """Draws the comment lists of one page for one viewer; labels and dates are worked out once."""

    def __init__(self, *, base: str, user, can_take_part: bool = False, can_moderate: bool = False, actions=True):
        self.base = base
        self.user_id = user.pk if user is not None and user.is_authenticated else None
        self.can_take_part = can_take_part
        self.can_moderate = can_moderate
        self.actions = actions
        self.labels = {
            "deleted": escape(_("Deleted account")),
            "answer": escape(_("The region's answer")),
            "hidden": escape(_("Hidden by a moderator:")),
            "reply": escape(_("Reply")),
            "report": escape(_("Report")),
            "hide": escape(_("Hide")),
            "show": escape(_("Show again")),
        }
        self._zone = timezone.get_current_timezone()
        self._days: dict = {}
        self._names: dict = {}

    def _when(self, moment) -> tuple[str, str]:
        local = moment.astimezone(self._zone)
        day = self._days.get(local.date())
        if day is None:
            day = self._days[local.date()] = dateformat.format(local, "j M Y")
        return local.isoformat(), f"{day} {local:%H:%M}"

    def _name(self, comment) -> str:
        if comment.author_id is None:
            return self.labels["deleted"]
        name = self._names.get(comment.author_id)
        if name is None:
            name = self._names[comment.author_id] = escape(comment.author_name)
        return name

    def _actions(self, comment) -> str:
        links = []
        if self.can_take_part and not comment.is_hidden:
            links.append(f'<a href="{self.base}comments/?parent={comment.pk}">{self.labels["reply"]}</a>')
        if self.user_id and comment.author_id != self.user_id and not comment.is_hidden:
            links.append(f'<a href="{self.base}comments/{comment.pk}/report/">{self.labels["report"]}</a>')
        if self.can_moderate:
            label = self.labels["show"] if comment.is_hidden else self.labels["hide"]
            links.append(f'<a href="{self.base}comments/{comment.pk}/hide/">{label}</a>')
        return f'<p class="comment-actions no-print">{" ".join(links)}</p>' if links else ""

    def render(self, entries: list[Entry]) -> SafeString:
        parts = ['<ol class="thread">']
        for entry in entries:
            c = entry.comment
            iso, shown = self._when(c.created_at)
            answer = f' <span class="badge">{self.labels["answer"]}</span>' if c.is_region_answer else ""
            if c.is_hidden:
                body = f'<p class="comment-hidden">{self.labels["hidden"]} {escape(c.hidden_reason)}</p>'
            else:
                body = f'<div class="comment-body">{c.body_html}</div>'
            parts.append(
                f'<li class="comment depth-{entry.depth}{" region-answer" if c.is_region_answer else ""}"'
                f' id="comment-{c.pk}"><p class="comment-meta"><strong>{self._name(c)}</strong>{answer}'
                f' · <time datetime="{iso}">{shown}</time></p>{body}'
                f"{self._actions(c) if self.actions else ''}</li>"
            )
        parts.append("</ol>")
        return mark_safe("".join(parts))  # noqa: S308 (bodies sanitised when written, the rest escaped above)
