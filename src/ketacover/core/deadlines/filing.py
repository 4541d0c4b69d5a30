"""A filing window: the deadline to follow for the next step after a denial, and the computed one.

A deadline printed on the denial notice wins over the one ketacover computes from the rules (the
plan or agency set it for this notice; sourcebook appeals.toml tells users to follow the date in
their notice), but the computed date is still reported so the two can be compared: a notice that
gives less time than the regulation's minimum is worth questioning, and filing by the earlier of the
two is safe.

What the notice says comes first, in this order: a printed last day, then the notice's own window
in days counted from the date of the letter ("within 60 days of the date of this letter"). Without
either, the window the plan's documents state (``Plan.appeal_window_days``, counted from receipt
of the notice) replaces the regime's default for an appeal; the default is still reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketacover.core.deadlines.business_days import add_calendar_days
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.model import Denial
from ketacover.core.sources import Confidence, Source

NOTICE = Source("the date printed on the denial notice", Confidence.VERIFIED)
"""The notice itself is the source of a printed deadline."""

NOTICE_WINDOW = Source("the appeal window stated on the denial notice", Confidence.VERIFIED)
"""The notice itself is the source of its own window in days."""

PLAN_DOCUMENTS = Source("the plan's documents, as recorded on the case", Confidence.VERIFIED)
"""The plan's stated appeal window (benefits booklet, summary plan description, a call)."""


@dataclass(frozen=True, slots=True)
class FilingWindow:
    """The deadline to follow for a filing, and what the rules alone give."""

    deadline: Deadline
    """The deadline to follow: the notice's printed date when there is one, else ``computed``."""
    computed: Deadline | None
    """The deadline computed from the rules, for comparison; ``None`` when no rule gives one."""


def filing_window(
    denial: Denial,
    computed: Deadline | None,
    kind: DeadlineKind,
    step: str,
    *,
    plan_window_days: int | None = None,
) -> FilingWindow | None:
    """Pick the deadline to follow for ``step`` (e.g. ``an internal appeal``).

    ``plan_window_days`` is the window the plan's documents state, used when the notice gives
    neither a last day nor a window. ``None`` when nothing gives a date.
    """
    printed = denial.appeal_deadline_on_notice
    if printed is not None:
        return FilingWindow(_from_notice(denial, printed, computed, kind, step), computed)
    days = denial.appeal_window_days_on_notice
    if days is not None:
        return FilingWindow(_notice_window(denial, days, computed, kind, step), computed)
    if plan_window_days is not None:
        return FilingWindow(_plan_window(denial, plan_window_days, computed, kind, step), computed)
    return None if computed is None else FilingWindow(computed, computed)


def _comparison(due: date, computed: Deadline | None, who: str) -> str:
    """How ``due`` compares with the date the rules alone give."""
    if computed is None:
        return " ketacover has no rule of its own to compare it with."
    if computed.due == due:
        return " It matches the date ketacover computes from the rules."
    if computed.due > due:
        return (
            f" The rules alone would give {computed.due.isoformat()}. The {who} allows less time, "
            f"so file by the {who}'s date and ask the plan why it differs."
        )
    return (
        f" The rules alone would give {computed.due.isoformat()}. Filing by that earlier date is "
        "the safest course."
    )


def _notice_window(
    denial: Denial, days: int, computed: Deadline | None, kind: DeadlineKind, step: str
) -> Deadline:
    due = add_calendar_days(denial.notice_date, days)
    explain = (
        f"The denial notice allows {days} days from the date of the letter "
        f"({denial.notice_date.isoformat()}) to file {step}, so the last day is "
        f"{due.isoformat()}; the notice's own window is the one to follow."
    )
    return Deadline(
        kind=kind,
        due=due,
        rule_id=f"notice_window.{kind.value}",
        explain=explain + _comparison(due, computed, "notice"),
        clock=f"{days} calendar days from the date of the notice (as the notice states)",
        source=NOTICE_WINDOW,
        starts=denial.notice_date,
        ref=denial.id,
        from_notice=True,
    )


def _plan_window(
    denial: Denial, days: int, computed: Deadline | None, kind: DeadlineKind, step: str
) -> Deadline:
    start = denial.received if denial.received is not None else denial.notice_date
    counted = (
        f"the notice was received on {start.isoformat()}"
        if denial.received is not None
        else f"the day it arrived is not recorded, so this counts from its date, "
        f"{start.isoformat()}"
    )
    due = add_calendar_days(start, days)
    explain = (
        f"The plan's documents allow {days} days from receipt of the denial notice to file "
        f"{step}; {counted}, so the last day is {due.isoformat()}."
    )
    return Deadline(
        kind=kind,
        due=due,
        rule_id=f"plan.{kind.value}",
        explain=explain + _comparison(due, computed, "plan"),
        clock=f"{days} calendar days from receipt of the notice (as the plan's documents state)",
        source=PLAN_DOCUMENTS,
        starts=start,
        ref=denial.id,
    )


def _from_notice(
    denial: Denial, printed: date, computed: Deadline | None, kind: DeadlineKind, step: str
) -> Deadline:
    explain = (
        f"The denial notice dated {denial.notice_date.isoformat()} gives {printed.isoformat()} "
        f"as the last day to file {step}; the date on the notice is the one to follow."
    )
    if computed is None:
        explain += " ketacover has no rule of its own to compare it with."
    elif computed.due == printed:
        explain += " It matches the date ketacover computes from the rules."
    elif computed.due > printed:
        explain += (
            f" The rules alone would give {computed.due.isoformat()} ({computed.rule_id}). The "
            "notice allows less time, so file by the notice date and ask the plan why it differs."
        )
    else:
        explain += (
            f" The rules alone would give {computed.due.isoformat()} ({computed.rule_id}). Filing "
            "by that earlier date is the safest course."
        )
    return Deadline(
        kind=kind,
        due=printed,
        rule_id=f"notice.{kind.value}",
        explain=explain,
        clock="as printed on the notice",
        source=NOTICE,
        starts=denial.notice_date,
        ref=denial.id,
        from_notice=True,
    )
