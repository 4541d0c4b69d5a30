"""The dashboard's work queue, drawn: read once per change of the cases (cached under the
stamps of the user's workspaces and the day) and drawn in Python.

Each bucket (``queue.BUCKETS``) lists one block per case: the case id, patient, payer and
stage, then its items, each with Done and Snooze buttons. The REMS monitoring forms of one case
(one per esketamine session, often many) are one line with their count and a button recording
them all as submitted. Each item is its label and due date; the rule's sentence (why this date)
is on the case page, which keeps the page small (about 0.5 KB an item). With 250 items on a
dashboard, Django's template engine spent most of the page's time resolving the rows'
variables, so the blocks are written here, every value escaped with
``django.utils.html.escape``. The buttons carry only item ids (no token, nothing of a request),
so a drawn board is safe to share between the users of a scope: the page's one form around
them holds the CSRF token.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final

from django.core.cache import caches
from django.urls import get_script_prefix, reverse
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.stage import Stage
from ketacover.web.accounts.models import Actor
from ketacover.web.cases.marks import SNOOZE_DAYS
from ketacover.web.cases.queue import BUCKETS, TITLES, DueGroup, DueRow, deadlines_due
from ketacover.web.cases.selectors import Scope, payer_choices

_PK_MARK = 987654321987
"""A case number no URL part contains otherwise, to split the case page's URL around it."""

_REMS = DeadlineKind.REMS_MONITORING_FORM.value

EMPTY: Final = {
    "overdue": "Nothing overdue.",
    "today": "Nothing due today.",
    "week": "Nothing else due in the next 7 days.",
    "month": "Nothing due in the 23 days after that.",
    "later": "Nothing due later.",
}
"""What each bucket says when it has no items."""


@lru_cache(maxsize=1024)
def _shown(day: date) -> str:
    """``{{ day|date:"D M j, Y" }}``: with the weekday, so a last day on a weekend shows."""
    return str(date_format(day, "D M j, Y"))


def _case_url() -> tuple[str, str]:
    """The case page's URL before and after the case number (reversed once per board, so the
    script prefix of the request is respected)."""
    before, _, after = reverse("cases:detail", args=[_PK_MARK]).partition(str(_PK_MARK))
    return before, after


def _when(due: date, today: date) -> str:
    """How far the due date is from today, in words."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    return f"in {days} day{'s' if days != 1 else ''}"


def _stage(value: str) -> str:
    try:
        return str(Stage(value).label)
    except ValueError:
        return value


def _actions(ids: str, about: str) -> str:
    """Done and the snooze buttons for the items ``ids`` (comma-separated deadline row ids);
    ``about`` is the id of the element naming them, for a screen reader. Buttons submit the
    page's one form by default; their look comes from ``.queue-actions``."""
    snoozes = "".join(
        f'<button name="snooze" value="{days}:{ids}">{label}</button>'
        for days, label in SNOOZE_DAYS.items()
    )
    return (
        f'<span class="queue-actions"><button name="done" value="{ids}" '
        f'aria-describedby="{about}">Done</button>'
        f'<span class="queue-snooze" role="group" aria-label="Snooze" aria-describedby="{about}">'
        f'<span class="muted small">Snooze</span>{snoozes}</span></span>'
    )


def _item(row: DueRow, today: date) -> str:
    late = " overdue" if row.due < today else ""
    return (
        f'<li class="queue-item"><span class="queue-due{late}">{_shown(row.due)}'
        f' <span class="small">({_when(row.due, today)})</span></span>'
        f'<span class="queue-what" id="q{row.pk}">{escape(row.label)}</span>'
        f"{_actions(str(row.pk), f'q{row.pk}')}</li>"
    )


def _rems_line(rows: list[DueRow], today: date) -> str:
    """The REMS monitoring forms of one case as one line, with the bulk action and each form
    behind a disclosure."""
    first = rows[0]
    late = " overdue" if first.due < today else ""
    ids = ",".join(str(row.pk) for row in rows)
    each = "".join(_item(row, today) for row in rows)
    about = f"r{first.case_pk}"
    return (
        f'<li class="queue-item queue-rems"><span class="queue-due{late}">{_shown(first.due)}'
        f' <span class="small">({_when(first.due, today)}, the earliest)</span></span>'
        f'<span class="queue-what" id="{about}">{escape(first.label)} '
        f"<strong>&times; {len(rows)}</strong></span>"
        f'<span class="queue-actions"><button name="rems" value="{first.case_pk}:{first.version}"'
        f' aria-describedby="{about}">Record all as submitted today</button></span>'
        f"{_actions(ids, about)}"
        f'<details class="queue-each"><summary>Each form</summary><ul>{each}</ul></details></li>'
    )


def _case_block(rows: list[DueRow], today: date, url: tuple[str, str]) -> str:
    head = rows[0]
    rems = [row for row in rows if row.kind == _REMS]
    items: list[str] = []
    for row in rows:
        if row.kind != _REMS or len(rems) == 1:
            items.append(_item(row, today))
        elif row is rems[0]:
            items.append(_rems_line(rems, today))
    payer = escape(head.payer) if head.payer else "No payer yet"
    return (
        f'\n<article class="queue-case"><header class="queue-head">'
        f'<a href="{url[0]}{head.case_pk}{url[1]}">{escape(head.case_id)}</a> '
        f"<strong>{escape(head.patient_name)}</strong> "
        f'<span class="muted small">{payer} &middot; {escape(_stage(head.stage))}</span></header>'
        f'<ul class="queue-items">{"".join(items)}</ul></article>'
    )


def bucket_html(group: DueGroup, *, today: date, empty: str) -> SafeString:
    """One bucket of the queue, one block per case in the order of its earliest item, or
    ``empty`` when it has none."""
    if not group.rows:
        return mark_safe(f'<p class="muted">{escape(empty)}</p>\n')
    by_case: dict[int, list[DueRow]] = {}
    for row in group.rows:
        by_case.setdefault(row.case_pk, []).append(row)
    url = _case_url()
    parts = [_case_block(rows, today, url) for rows in by_case.values()]
    shown = len(group.rows)
    if group.total > shown:
        parts.append(
            f'\n<p class="muted small">Showing the first {shown} of {group.total}; narrow them '
            "down with the filters above.</p>"
        )
    parts.append("\n")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class DueBoard:
    """What the dashboard shows of the cases: the buckets, drawn, and the payers to filter
    by. The people to filter by are read on every request (memberships have no stamp)."""

    totals: dict[str, int]
    """How many items each bucket holds."""
    tables: dict[str, SafeString]
    """Each bucket's first items, drawn."""
    payers: list[tuple[str, str]]
    rows: int = 0
    """How many items the buckets show in all (for the audit trail)."""

    @property
    def buckets(self) -> list[tuple[str, str, int, SafeString]]:
        """(name, title, total, drawn) of each bucket, in order."""
        return [(name, TITLES[name], self.totals[name], self.tables[name]) for name in BUCKETS]


CACHE: Final = "default"
SECONDS: Final = 24 * 60 * 60


def board_key(scope: Scope, *, today: date, stage: str, payer: str, assignee: str) -> str:
    """The cache key of a board: the user's scope with the stamps of its workspaces (which
    change with every save of one of their cases and every queue mark, ``cases.stamps``), the
    filters and the day (a snooze ends at the start of a day)."""
    material = "\n".join(
        ("queue", scope.key(), today.isoformat(), stage, payer, assignee, get_script_prefix())
    )
    return "due-board:" + hashlib.sha256(material.encode()).hexdigest()


def due_board(
    *, user: Actor, scope: Scope, today: date, stage: str, payer: str, assignee: str
) -> DueBoard:
    """The board for ``user`` (whose scope, with its stamps, was read before any case) from the
    cache, or read and drawn when the stamps, the filters or the day changed.

    Safe to share between the users of a scope: its key names exactly which workspaces and
    cases the rows were read for, and the board holds no token or anything of a request."""
    cache = caches[CACHE]
    key = board_key(scope, today=today, stage=stage, payer=payer, assignee=assignee)
    found = cache.get(key)
    if isinstance(found, DueBoard):
        return found
    due = deadlines_due(
        user=user, today=today, stage=stage, payer=payer, assignee=assignee, scope=scope
    )
    board = DueBoard(
        totals={name: group.total for name, group in due.items()},
        tables={name: bucket_html(due[name], today=today, empty=EMPTY[name]) for name in BUCKETS},
        payers=payer_choices(scope=scope),
        rows=sum(len(group.rows) for group in due.values()),
    )
    cache.set(key, board, SECONDS)
    return board
