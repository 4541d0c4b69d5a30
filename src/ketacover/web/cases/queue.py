"""The work queue: the deadlines of the cases a clinic works on, in buckets by due date
(overdue, today, this week, the next 30 days, later), without the items someone marked done or
snoozed (``cases.marks``).

Only the cases of workspaces where the user is owner, staff or prescriber are in the queue: a
patient sees their own case, never the clinic's work list. The rows are read through the
``(workspace, due, id)`` index in date order, each bucket stopping at the rows it shows; the
totals come from one grouped count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.web.accounts.models import Actor
from ketacover.web.cases.models import DONE_UNTIL, DeadlineRecord, QueueMark
from ketacover.web.cases.selectors import UNASSIGNED, Scope, scope_of
from ketacover.web.converters import is_id

BUCKETS: Final = ("overdue", "today", "week", "month", "later")
"""The dashboard's buckets, in the order shown."""

TITLES: Final = {
    "overdue": "Overdue",
    "today": "Due today",
    "week": "This week",
    "month": "Next 30 days",
    "later": "Later",
}
"""What each bucket is called on the page."""

WEEK_DAYS: Final = 7
MONTH_DAYS: Final = 30

DUE_ROWS: Final = 50
"""Items shown per bucket; the filters narrow the rest down."""


@dataclass(frozen=True, slots=True)
class DueRow:
    """One item of the queue: a deadline and the case it belongs to."""

    pk: int
    """The deadline row's id (rows are written anew on every save of the case)."""
    due: date
    kind: str
    explain: str
    case_pk: int
    case_id: str
    patient_name: str
    payer: str
    stage: str
    version: int
    """The case's version when the row was read (the bulk REMS action saves on top of it)."""

    @property
    def label(self) -> str:
        """What is due, in words (the deadline kind's label)."""
        return kind_label(self.kind, self.explain)


def kind_label(kind: str, explain: str) -> str:
    """The label of deadline kind ``kind``; the row's own sentence for a kind this release no
    longer knows (a row written by an older one before the case was saved again)."""
    try:
        return DeadlineKind(kind).label
    except ValueError:
        return explain


@dataclass(frozen=True)
class DueGroup:
    """One bucket of the queue: its first rows and how many items it holds in all."""

    rows: list[DueRow]
    total: int


def open_items(today: date) -> Q:
    """Deadline rows nobody set aside as of ``today`` (never marked, or snoozed until today or
    earlier)."""
    return Q(hidden_until__isnull=True) | Q(hidden_until__lte=today)


def bucket_ranges(today: date) -> dict[str, Q]:
    """The due dates of each bucket: before ``today``; ``today``; the next 7 days; the 23 days
    after them; after the next 30 days."""
    week, month = today + timedelta(days=WEEK_DAYS), today + timedelta(days=MONTH_DAYS)
    return {
        "overdue": Q(due__lt=today),
        "today": Q(due=today),
        "week": Q(due__gt=today, due__lte=week),
        "month": Q(due__gt=week, due__lte=month),
        "later": Q(due__gt=month),
    }


_FIELDS = (
    "id",
    "due",
    "kind",
    "explain",
    "case_id",
    "case__case_id",
    "case__patient_name",
    "payer",
    "stage",
    "case__version",
)


def _due_rows(rows: QuerySet[DeadlineRecord], limit: int) -> list[DueRow]:
    return [DueRow(*values) for values in rows.values_list(*_FIELDS)[:limit]]


def deadlines_due(
    *,
    user: Actor,
    today: date,
    stage: str = "",
    payer: str = "",
    assignee: str = "",
    limit: int = DUE_ROWS,
    scope: Scope | None = None,
) -> dict[str, DueGroup]:
    """The open items of the cases of ``user``'s clinic workspaces, by bucket: only of cases at
    ``stage``, with ``payer`` and assigned to ``assignee`` (a user id, or ``none``) when given.
    Each bucket holds its first ``limit`` rows (soonest first) and its total count. ``scope``
    is ``user``'s scope when the caller has read it already."""
    scope = scope or scope_of(user)
    rows = DeadlineRecord.objects.filter(open_items(today), workspace_id__in=scope.workspaces)
    if assignee == UNASSIGNED:
        rows = rows.filter(assignee__isnull=True)
    elif assignee.isdigit():
        rows = rows.filter(assignee_id=int(assignee)) if is_id(assignee) else rows.none()
    if stage:
        rows = rows.filter(stage=stage)
    if payer:
        rows = rows.filter(payer=payer)
    ranges = bucket_ranges(today)
    totals = rows.order_by().aggregate(
        **{name: Count("id", filter=where) for name, where in ranges.items()}
    )
    ordered = rows.order_by("due", "id")
    return {
        name: DueGroup(
            rows=_due_rows(ordered.filter(ranges[name]), limit) if totals[name] else [],
            total=totals[name],
        )
        for name in BUCKETS
    }


def next_due_of(items: list[tuple[date, date | None]], today: date) -> date | None:
    """A case's "Next due" from its items as (due date, ``hidden_until``): the earliest due date
    of an item the queue shows as of ``today`` (overdue ones included), or the day a snoozed
    item comes back when that is earlier; None when every item is done or there is none. Items
    marked done never count (:data:`~ketacover.web.cases.models.DONE_UNTIL`)."""
    days = [
        due if hidden is None or hidden <= today else hidden
        for due, hidden in items
        if hidden != DONE_UNTIL
    ]
    return min(days, default=None)


MARKS_PAGE: Final = 50
"""Marks per page of the "Done and snoozed" list."""


def marks_list(*, scope: Scope, today: date, page: int = 1) -> Page[QueueMark]:
    """The items of the user's clinic workspaces set aside now, newest first: marked done, or
    snoozed past ``today``, whose deadline the case still has (a mark whose item went away,
    say a REMS form recorded since, is not listed). Each mark carries ``case`` and ``by``."""
    marks = (
        QueueMark.objects.filter(workspace_id__in=scope.workspaces)
        .filter(Q(until__isnull=True) | Q(until__gt=today))
        .filter(
            Exists(
                DeadlineRecord.objects.filter(
                    case_id=OuterRef("case_id"),
                    kind=OuterRef("kind"),
                    due=OuterRef("due"),
                    ref=OuterRef("ref"),
                )
            )
        )
        .select_related("case", "by")
        .order_by("-at", "-id")
    )
    return Paginator(marks, MARKS_PAGE).get_page(page)
