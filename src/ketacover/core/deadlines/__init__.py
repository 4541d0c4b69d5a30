"""Deadlines: prior-authorization decisions and follow-ups, re-authorization reminders, appeal and
external-review filing windows and decision dates, each with the rule and source it came from
(sourcebook esketamine.toml and appeals.toml).

Business days skip weekends and US federal holidays as observed. Every function takes its dates
as arguments; nothing here reads the clock.

>>> from datetime import date
>>> from ketacover.core.model import PayerCategory, Treatment, Urgency
>>> from ketacover.core.deadlines import pa_decision_due
>>> pa_decision_due(
...     PayerCategory.MEDICARE_ADVANTAGE, Urgency.STANDARD, Treatment.IV_KETAMINE, date(2026, 3, 2)
... ).due
datetime.date(2026, 3, 9)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketacover.core.lazy import lazy_exports

if TYPE_CHECKING:
    from ketacover.core.deadlines.appeal_decisions import appeal_decision_due
    from ketacover.core.deadlines.appeals import (
        appeal_filing_window,
        computed_appeal_filing,
        why_no_appeal_window,
    )
    from ketacover.core.deadlines.business_days import (
        add_business_days,
        add_calendar_days,
        add_months,
        federal_holidays,
        hours_last_day,
        is_business_day,
        next_business_day_on_or_after,
        previous_business_day_before,
    )
    from ketacover.core.deadlines.case import case_deadlines
    from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
    from ketacover.core.deadlines.external_review import (
        computed_external_review_filing,
        external_review_decision_due,
        external_review_filing,
        why_no_external_review,
    )
    from ketacover.core.deadlines.filing import FilingWindow
    from ketacover.core.deadlines.hour_clock import HourClock, ends_at, hour_clock, moment_words
    from ketacover.core.deadlines.last_day import (
        closed_day_reason,
        last_day_note,
        weekday_and_date,
        with_last_day_note,
    )
    from ketacover.core.deadlines.peer_to_peer import peer_to_peer_request_due
    from ketacover.core.deadlines.prior_authorization import (
        follow_up_date,
        pa_decision_due,
        pa_decision_due_for,
        pa_follow_up,
        why_no_pa_clock,
    )
    from ketacover.core.deadlines.reauthorization import (
        reauthorization_by_date,
        reauthorization_by_sessions,
        reauthorization_reminders,
        sessions_used,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "appeal_decisions": ("appeal_decision_due",),
        "appeals": (
            "appeal_filing_window",
            "computed_appeal_filing",
            "why_no_appeal_window",
        ),
        "business_days": (
            "add_business_days",
            "add_calendar_days",
            "add_months",
            "federal_holidays",
            "hours_last_day",
            "is_business_day",
            "next_business_day_on_or_after",
            "previous_business_day_before",
        ),
        "case": ("case_deadlines",),
        "deadline": (
            "Deadline",
            "DeadlineKind",
        ),
        "external_review": (
            "computed_external_review_filing",
            "external_review_decision_due",
            "external_review_filing",
            "why_no_external_review",
        ),
        "filing": ("FilingWindow",),
        "hour_clock": (
            "HourClock",
            "ends_at",
            "hour_clock",
            "moment_words",
        ),
        "last_day": (
            "closed_day_reason",
            "last_day_note",
            "weekday_and_date",
            "with_last_day_note",
        ),
        "peer_to_peer": ("peer_to_peer_request_due",),
        "prior_authorization": (
            "follow_up_date",
            "pa_decision_due",
            "pa_decision_due_for",
            "pa_follow_up",
            "why_no_pa_clock",
        ),
        "reauthorization": (
            "reauthorization_by_date",
            "reauthorization_by_sessions",
            "reauthorization_reminders",
            "sessions_used",
        ),
    },
)

__all__ = [
    "Deadline",
    "DeadlineKind",
    "FilingWindow",
    "HourClock",
    "add_business_days",
    "add_calendar_days",
    "add_months",
    "appeal_decision_due",
    "appeal_filing_window",
    "case_deadlines",
    "closed_day_reason",
    "computed_appeal_filing",
    "computed_external_review_filing",
    "ends_at",
    "external_review_decision_due",
    "external_review_filing",
    "federal_holidays",
    "follow_up_date",
    "hour_clock",
    "hours_last_day",
    "is_business_day",
    "last_day_note",
    "moment_words",
    "next_business_day_on_or_after",
    "pa_decision_due",
    "pa_decision_due_for",
    "pa_follow_up",
    "peer_to_peer_request_due",
    "previous_business_day_before",
    "reauthorization_by_date",
    "reauthorization_by_sessions",
    "reauthorization_reminders",
    "sessions_used",
    "weekday_and_date",
    "why_no_appeal_window",
    "why_no_external_review",
    "why_no_pa_clock",
    "with_last_day_note",
]
