"""Re-authorization reminders for an approved prior authorization.

Approvals run out by date and by sessions: payers approve a period (Premera 12 months at first,
BCBS Massachusetts 28 days at first) and re-authorize only with documented response (sourcebook
esketamine.toml), so the request has to be prepared before the approval ends. The reminders are our
practice, not a rule:

- **by date**: 10 business days before ``valid_through``, time enough to collect rating-scale
  scores and send the request;
- **by sessions**: when 2 or fewer of the approved sessions remain. Sessions count against an
  approval when their ``authorization_id`` is the approval's ``id``; sessions dated after
  ``today`` are treated as scheduled, not given. The reminder is dated the day it became due: the
  session that left 2 remaining, or the start of the approval when it allowed 2 or fewer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.business_days import add_business_days
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.model import Decision, PriorAuthorization, Session

REMINDER_BUSINESS_DAYS: Final = 10
"""Our practice: remind this many business days before an approval's last day."""

SESSIONS_LEFT_TO_REMIND: Final = 2
"""Our practice: remind when this many approved sessions (or fewer) remain."""

_APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})


def sessions_used(pa: PriorAuthorization, sessions: Iterable[Session], today: date) -> int:
    """How many sessions given on or before ``today`` count against ``pa``."""
    return len(_counted(pa, sessions, today))


def reauthorization_by_date(pa: PriorAuthorization) -> Deadline | None:
    """A reminder 10 business days before the approval's last day; ``None`` without an approval
    or an end date."""
    if pa.decision not in _APPROVED or pa.valid_through is None:
        return None
    due = add_business_days(pa.valid_through, -REMINDER_BUSINESS_DAYS)
    return Deadline(
        kind=DeadlineKind.REAUTHORIZATION,
        due=due,
        rule_id="practice.reauthorization.by_date",
        explain=f"The approval{_number(pa)} for {pa.treatment.label} covers through "
        f"{pa.valid_through.isoformat()}. ketacover suggests asking for re-authorization by "
        f"{due.isoformat()}, {REMINDER_BUSINESS_DAYS} business days before it ends; plans "
        "re-authorize only with documented response, such as rating-scale scores.",
        clock=f"{REMINDER_BUSINESS_DAYS} business days before the approval's last day "
        "(our practice)",
        source=auth.PRACTICE,
        starts=_approval_start(pa),
        ref=pa.id,
    )


def reauthorization_by_sessions(
    pa: PriorAuthorization, sessions: Iterable[Session], today: date
) -> Deadline | None:
    """A reminder once 2 or fewer approved sessions remain; ``None`` before that, or without an
    approval or a session count."""
    if pa.decision not in _APPROVED or pa.sessions_approved is None:
        return None
    approved = pa.sessions_approved
    given = _counted(pa, sessions, today)
    used_at_reminder = approved - SESSIONS_LEFT_TO_REMIND
    if used_at_reminder <= 0:
        due = _approval_start(pa)
    elif len(given) >= used_at_reminder:
        due = given[used_at_reminder - 1].on
    else:
        return None
    left = approved - len(given)
    if left > 0:
        status = f"{len(given)} of {approved} approved sessions used, {left} left"
        ask = "ketacover suggests asking for re-authorization now"
    else:
        status = f"{len(given)} of {approved} approved sessions used, none left"
        ask = "further sessions need a new authorization, so ask for it before the next one"
    return Deadline(
        kind=DeadlineKind.REAUTHORIZATION,
        due=due,
        rule_id="practice.reauthorization.by_sessions",
        explain=f"The approval{_number(pa)} for {pa.treatment.label}: {status}; {ask}, with "
        "documented response such as rating-scale scores.",
        clock=f"when {SESSIONS_LEFT_TO_REMIND} or fewer approved sessions remain (our practice)",
        source=auth.PRACTICE,
        starts=_approval_start(pa),
        ref=pa.id,
    )


def reauthorization_reminders(
    pa: PriorAuthorization, sessions: Iterable[Session], today: date
) -> tuple[Deadline, ...]:
    """Both reminders that apply to ``pa``, by date and by sessions."""
    found = (reauthorization_by_date(pa), reauthorization_by_sessions(pa, sessions, today))
    return tuple(d for d in found if d is not None)


def _counted(pa: PriorAuthorization, sessions: Iterable[Session], today: date) -> list[Session]:
    return sorted(
        (s for s in sessions if s.authorization_id == pa.id and s.on <= today),
        key=lambda s: s.on,
    )


def _approval_start(pa: PriorAuthorization) -> date:
    if pa.valid_from is not None:
        return pa.valid_from
    return pa.decided if pa.decided is not None else pa.submitted


def _number(pa: PriorAuthorization) -> str:
    return "" if pa.authorization_number is None else f" {pa.authorization_number}"
