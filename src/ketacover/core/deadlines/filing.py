"""A filing window: the deadline to follow for the next step after a denial, and the computed one.

A deadline printed on the denial notice wins over the one ketacover computes from the rules (the
plan or agency set it for this notice; sourcebook appeals.toml tells users to follow the date in
their notice), but the computed date is still reported so the two can be compared: a notice that
gives less time than the regulation's minimum is worth questioning, and filing by the earlier of the
two is safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.model import Denial
from ketacover.core.sources import Confidence, Source

NOTICE = Source("the date printed on the denial notice", Confidence.VERIFIED)
"""The notice itself is the source of a printed deadline."""


@dataclass(frozen=True, slots=True)
class FilingWindow:
    """The deadline to follow for a filing, and what the rules alone give."""

    deadline: Deadline
    """The deadline to follow: the notice's printed date when there is one, else ``computed``."""
    computed: Deadline | None
    """The deadline computed from the rules, for comparison; ``None`` when no rule gives one."""


def filing_window(
    denial: Denial, computed: Deadline | None, kind: DeadlineKind, step: str
) -> FilingWindow | None:
    """Pick the deadline to follow for ``step`` (e.g. ``an internal appeal``).

    ``None`` when the notice prints no date and no rule gives one.
    """
    printed = denial.appeal_deadline_on_notice
    if printed is None:
        return None if computed is None else FilingWindow(computed, computed)
    return FilingWindow(_from_notice(denial, printed, computed, kind, step), computed)


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
