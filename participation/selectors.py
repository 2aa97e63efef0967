"""Reads for consultation and library pages, each page's in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from participation import permissions
from participation.models import (
    WHOLE_ROADMAP,
    AbuseReport,
    BestPractice,
    Comment,
    Consultation,
    Endorsement,
    Interest,
    ItemChange,
)
from saphire import roles


def consultation_list(*, region=None) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("region").annotate(
        comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True))
    )
    return qs.filter(region=region) if region is not None else qs


def consultation_get(*, pk: int) -> Consultation:
    return get_object_or_404(Consultation.objects.select_related("region", "roadmap"), pk=pk)


def comments_visible(*, consultation: Consultation | None = None, user=None) -> QuerySet[Comment]:
    """Comments anyone may read; hidden ones are listed as hidden (reason only) except to coordinators."""
    qs = Comment.objects.select_related("author")
    return qs.filter(consultation=consultation) if consultation is not None else qs


MAX_DEPTH = 5  # deeper replies are drawn at this indent, still after their parent


@dataclass(slots=True)
class CommentRow:
    """What a consultation page shows of a comment, read without building model instances (1,000 per page)."""

    pk: int
    item_code: str
    parent_id: int | None
    author_id: int | None
    author_name: str
    body_html: str
    is_region_answer: bool
    hidden_at: object
    hidden_reason: str
    created_at: object

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


ROW_FIELDS = (
    "pk",
    "item_code",
    "parent_id",
    "author_id",
    "author__first_name",
    "author__last_name",
    "author__username",
    "body_html",
    "is_region_answer",
    "hidden_at",
    "hidden_reason",
    "created_at",
)


def comment_rows(*, consultation: Consultation) -> list[CommentRow]:
    rows = []
    values = Comment.objects.filter(consultation=consultation).order_by("created_at", "id").values_list(*ROW_FIELDS)
    for pk, code, parent, author, first, last, username, html, answer, hidden, reason, created in values:
        name = f"{first} {last}".strip() or (username or "")
        rows.append(CommentRow(pk, code, parent, author, name, html, answer, hidden, reason, created))
    return rows


@dataclass
class Entry:
    comment: CommentRow
    depth: int


@dataclass
class ItemSection:
    code: str
    item: dict | None
    entries: list[Entry] = field(default_factory=list)
    endorsements: int = 0
    endorsed: bool = False
    changes: list[ItemChange] = field(default_factory=list)
    comment_count: int = 0
    html: str = ""  # the comments, drawn by participation.presenters

    @property
    def roots(self) -> list[Entry]:
        return [e for e in self.entries if e.depth == 0]


def _threads(comments: list[CommentRow]) -> dict[str, list[Entry]]:
    """Each item's comments in reading order: every thread's root, then its replies depth first."""
    children: dict[int | None, list[CommentRow]] = defaultdict(list)
    known = {c.pk for c in comments}
    for c in comments:
        children[c.parent_id if c.parent_id in known else None].append(c)
    flat: dict[str, list[Entry]] = defaultdict(list)
    stack = [(c, 0) for c in reversed(children[None])]
    while stack:
        comment, depth = stack.pop()
        flat[comment.item_code].append(Entry(comment, min(depth, MAX_DEPTH)))
        stack.extend((child, depth + 1) for child in reversed(children[comment.pk]))
    return flat


def consultation_sections(*, consultation: Consultation, user=None) -> list[ItemSection]:
    """The roadmap as a whole, then each item, with its threads, endorsements and changes (5 queries)."""
    comments = comment_rows(consultation=consultation)
    roots = _threads(comments)
    counts = dict(
        Endorsement.objects.filter(consultation=consultation)
        .values_list("item_code")
        .annotate(n=Count("id"))
        .values_list("item_code", "n")
    )
    mine = set()
    if user is not None and user.is_authenticated:
        mine = set(Endorsement.objects.filter(consultation=consultation, user=user).values_list("item_code", flat=True))
    changes: dict[str, list[ItemChange]] = defaultdict(list)
    for change in ItemChange.objects.filter(consultation=consultation).prefetch_related(
        Prefetch("comments", queryset=Comment.objects.only("id", "consultation_id"))
    ):
        changes[change.item_code].append(change)
    per_item = defaultdict(int)
    for c in comments:
        if not c.is_hidden:
            per_item[c.item_code] += 1
    items = [(WHOLE_ROADMAP, None)] + [(i["code"], i) for i in consultation.snapshot.get("items", [])]
    return [
        ItemSection(
            code=code,
            item=item,
            entries=roots.get(code, []),
            endorsements=counts.get(code, 0),
            endorsed=code in mine,
            changes=changes.get(code, []),
            comment_count=per_item[code],
        )
        for code, item in items
    ]


def comment_get(*, consultation: Consultation, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("author"), consultation=consultation, pk=pk)


def pending_reports() -> QuerySet[AbuseReport]:
    return AbuseReport.objects.filter(outcome=AbuseReport.Outcome.PENDING).select_related(
        "comment__consultation__region", "comment__author", "reporter"
    )


def changes_in_version(*, region, published_at) -> QuerySet[ItemChange]:
    """Changes recorded before the version was published: the version is the one that made them."""
    return (
        ItemChange.objects.filter(consultation__region=region, recorded_at__lte=published_at)
        .select_related("consultation")
        .order_by("recorded_at", "id")
    )


# Best practices ----------------------------------------------------------------------------


def published_best_practices() -> QuerySet[BestPractice]:
    return (
        BestPractice.objects.filter(status=BestPractice.Status.PUBLISHED)
        .select_related("region")
        .prefetch_related("themes", "modules")
    )


def best_practices_for(*, user) -> QuerySet[BestPractice]:
    """Published practices, plus the drafts the user may edit (their regions', or all for coordinators)."""
    qs = BestPractice.objects.select_related("region").prefetch_related("themes", "modules")
    if roles.is_coordinator(user):
        return qs
    return qs.filter(Q(status=BestPractice.Status.PUBLISHED) | Q(region_id__in=roles.official_region_ids(user)))


def best_practice_get(*, pk: int, user) -> BestPractice:
    practice = get_object_or_404(best_practices_for(user=user), pk=pk)
    if not permissions.can_view_best_practice(user, practice):
        raise Http404
    return practice


def module_best_practices(*, code: str) -> QuerySet[BestPractice]:
    return published_best_practices().filter(modules__code=code).distinct()


# Interests ---------------------------------------------------------------------------------


def interests_for(*, user) -> QuerySet[Interest]:
    """What the user sent, and what was sent to the pilots and regions they answer for."""
    if not user.is_authenticated:
        return Interest.objects.none()
    qs = Interest.objects.select_related("pilot", "region", "from_region", "user", "replied_by")
    if roles.is_coordinator(user):
        return qs
    region_ids = roles.official_region_ids(user)
    return qs.filter(Q(user=user) | Q(region_id__in=region_ids) | Q(pilot__regions__in=region_ids)).distinct()
