"""The dashboard's list of what is due: read once per change of the cases (cached under the
stamps of the user's workspaces) and its tables drawn in Python.

``templates/ketacover/_deadline_table.html`` draws the same table; with 150 rows on a
dashboard, Django's template engine spent most of the page's time resolving the rows' variables,
reversing a URL and formatting a date for each row. This module writes byte for byte what that
template writes from the same group, escaping every value the same way (``django.utils.html``),
and formats each date once (``tests/web/cases/test_due_list.py`` compares the two).
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

from ketacover.web.accounts.models import Actor
from ketacover.web.cases.selectors import DueGroup, Scope, deadlines_due, payer_choices

_PK_MARK = 987654321987
"""A case number no URL part contains otherwise, to split the case page's URL around it."""


@lru_cache(maxsize=1024)
def _shown(day: date) -> str:
    """``{{ day|date:"D M j, Y" }}``: with the weekday, so a last day on a weekend shows."""
    return str(date_format(day, "D M j, Y"))


def _case_url() -> tuple[str, str]:
    """The case page's URL before and after the case number (reversed once per table, so the
    script prefix of the request is respected)."""
    before, _, after = reverse("cases:detail", args=[_PK_MARK]).partition(str(_PK_MARK))
    return before, after


def due_table(group: DueGroup, *, today: date, empty: str) -> SafeString:
    """One group of the dashboard as a table, or ``empty`` when it has no rows."""
    if not group.rows:
        return mark_safe(f'<p class="muted">{escape(empty)}</p>\n')
    before, after = _case_url()
    parts = [
        '\n<div class="table-wrap"><table>\n  <thead><tr><th scope="col">Due</th>'
        '<th scope="col">Case</th><th scope="col">Patient</th><th scope="col">What</th>'
        "</tr></thead>\n  <tbody>"
    ]
    for row in group.rows:
        overdue = ' class="overdue"' if row.due < today else ""
        parts.append(
            f"\n    <tr><td{overdue}>{_shown(row.due)}</td>\n"
            f'      <td><a href="{before}{row.case_pk}{after}">{escape(row.case_id)}</a></td>\n'
            f"      <td>{escape(row.patient_name)}</td>\n"
            f"      <td>{escape(row.explain)}</td></tr>"
        )
    parts.append("\n  </tbody>\n</table></div>\n")
    shown = len(group.rows)
    if group.total > shown:
        parts.append(
            f'<p class="muted small">Showing the first {shown} of {group.total}; narrow them '
            "down with the filters above.</p>"
        )
    parts.append("\n\n")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class DueBoard:
    """What the dashboard shows of the cases: the groups, their tables and the payers to filter
    by. The people to filter by are read on every request (memberships have no stamp)."""

    totals: dict[str, int]
    """How many deadlines each group holds (``overdue``, ``today``, ``week``)."""
    tables: dict[str, SafeString]
    """Each group's first rows, drawn."""
    payers: list[tuple[str, str]]
    rows: int = 0
    """How many rows the tables show in all (for the audit trail)."""


EMPTY: Final = {
    "overdue": "Nothing overdue.",
    "today": "Nothing due today.",
    "week": "Nothing else due in the next 7 days.",
}
"""What each group says when it has no rows."""

CACHE: Final = "default"
SECONDS: Final = 24 * 60 * 60


def board_key(scope: Scope, *, today: date, stage: str, payer: str, assignee: str) -> str:
    """The cache key of a board: the user's scope with the stamps of its workspaces (which
    change with every save of one of their cases, ``cases.stamps``), the filters and the day."""
    material = "\n".join(
        (scope.key(), today.isoformat(), stage, payer, assignee, get_script_prefix())
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
        tables={name: due_table(due[name], today=today, empty=EMPTY[name]) for name in EMPTY},
        payers=payer_choices(scope=scope),
        rows=sum(len(group.rows) for group in due.values()),
    )
    cache.set(key, board, SECONDS)
    return board
