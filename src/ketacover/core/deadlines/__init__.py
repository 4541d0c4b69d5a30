"""Deadlines: prior-authorization decisions and follow-ups, re-authorization reminders, appeal and
external-review filing windows and decision dates, each with the rule and source it came from
(sourcebook esketamine.toml and appeals.toml).

Business days skip weekends and US federal holidays as observed. Every function takes its dates
as arguments; nothing here reads the clock.

>>> from datetime import date
>>> from ketacover.core.model import PayerCategory, Treatment, Urgency
>>> pa_decision_due(
...     PayerCategory.MEDICARE_ADVANTAGE, Urgency.STANDARD, Treatment.IV_KETAMINE, date(2026, 3, 2)
... ).due
datetime.date(2026, 3, 9)
"""

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

__all__ = [
    "Deadline",
    "DeadlineKind",
    "FilingWindow",
    "add_business_days",
    "add_calendar_days",
    "add_months",
    "appeal_decision_due",
    "appeal_filing_window",
    "case_deadlines",
    "computed_appeal_filing",
    "computed_external_review_filing",
    "external_review_decision_due",
    "external_review_filing",
    "federal_holidays",
    "follow_up_date",
    "hours_last_day",
    "is_business_day",
    "next_business_day_on_or_after",
    "pa_decision_due",
    "pa_decision_due_for",
    "pa_follow_up",
    "previous_business_day_before",
    "reauthorization_by_date",
    "reauthorization_by_sessions",
    "reauthorization_reminders",
    "sessions_used",
    "why_no_appeal_window",
    "why_no_external_review",
    "why_no_pa_clock",
]
