"""External review under the ACA: when to ask for it and when the reviewer must decide (sourcebook
appeals.toml).

Filing (45 CFR 147.136(d)(2)(i)): within 4 months of receiving the final internal denial. Four
months means the same day number four months later, or the first day of the month after when that
month has no such day (a final denial received 2026-10-30 gives 2027-03-01); a deadline falling on
a weekend or federal holiday moves to the next business day. Only non-grandfathered employer,
individual and Marketplace plans owe federal external review; when the case does not say whether
the plan is grandfathered, the deadline is still given and the explanation says eligibility is
unknown. A copy of the healthcare.gov page says "within 60 days" [PV on the conflict]: the
regulation's 4 months is the federal minimum, and users should follow the date on their notice.

Decisions: standard review within 45 days of the independent review organization (IRO) receiving
the request (§(d)(2)(iii)(B)(6)); expedited review within 72 hours (§(d)(3)(iv)).
"""

from __future__ import annotations

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.deadlines.business_days import (
    add_calendar_days,
    add_months,
    hours_last_day,
    next_business_day_on_or_after,
)
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.filing import FilingWindow, filing_window
from ketacover.core.model import Appeal, Denial, DenialLevel, DenialReason, Plan

_ELIGIBLE_REASONS = frozenset(
    {DenialReason.NOT_MEDICALLY_NECESSARY, DenialReason.EXPERIMENTAL_INVESTIGATIONAL}
)


def external_review_filing(denial: Denial, plan: Plan | None) -> FilingWindow | None:
    """The last day to ask for external review of a final internal denial, or ``None``.

    ``None`` when the denial is not a final internal one, the plan is not an employer, individual
    or Marketplace plan, or the plan is known to be grandfathered (see
    :func:`why_no_external_review`). A date printed on the notice wins.
    """
    if why_no_external_review(denial, plan) is not None:
        return None
    return filing_window(
        denial,
        computed_external_review_filing(denial, plan),
        DeadlineKind.EXTERNAL_REVIEW_FILING,
        "a request for external review",
    )


def computed_external_review_filing(denial: Denial, plan: Plan | None) -> Deadline:
    """The 4-month external-review deadline from the rules, ignoring any date on the notice."""
    if denial.received is not None:
        start = denial.received
        parts = [f"The final internal denial was received on {start.isoformat()}."]
    else:
        start = denial.notice_date
        parts = [
            "The day the final denial arrived is not recorded, so this counts from the notice "
            f"date ({start.isoformat()}), the earliest it can have arrived."
        ]
    four_months = add_months(start, 4)
    due = next_business_day_on_or_after(four_months)
    parts.append("External review must be requested within 4 months of receiving it")
    if four_months.day != start.day:
        parts[-1] += (
            f"; that month has no day {start.day}, so the 4 months end on the first day of the "
            f"next month, {four_months.isoformat()}"
        )
    if due != four_months:
        parts[-1] += (
            f"; {four_months.isoformat()} is a weekend day or federal holiday, so the deadline "
            "moves to the next business day"
        )
    parts[-1] += f". The last day to ask is {due.isoformat()}."
    if plan is None or plan.grandfathered is None:
        parts.append(
            "Eligibility is unknown until the plan confirms it is not grandfathered: federal "
            "external review applies to non-grandfathered plans."
        )
    parts.append(_reason_note(denial.reason))
    parts.append(
        "A copy of the healthcare.gov page says 60 days instead; 4 months is the federal minimum, "
        "and the date on your notice is the one to follow."
    )
    return Deadline(
        kind=DeadlineKind.EXTERNAL_REVIEW_FILING,
        due=due,
        rule_id="aca.external_review_filing",
        explain=" ".join(parts),
        clock="4 months from receipt of the final internal denial (month-end and next-business-day "
        "rules)",
        source=auth.ACA_EXTERNAL_FILING,
        starts=start,
        ref=denial.id,
    )


def why_no_external_review(denial: Denial, plan: Plan | None) -> str | None:
    """Why no external-review deadline applies to ``denial``; ``None`` when one does."""
    if denial.level is not DenialLevel.FINAL_INTERNAL:
        return "External review follows the final internal decision; appeal internally first."
    if plan is None:
        return "The plan is not known; add it to the case to see whether external review applies."
    if plan.category not in EMPLOYER_AND_INDIVIDUAL:
        return (
            "Federal external review under 45 CFR 147.136 covers employer, individual and "
            "Marketplace plans; this plan's next step follows its own appeal levels."
        )
    if plan.grandfathered:
        return (
            "The plan is grandfathered, so federal external review may not apply; ask the plan "
            "and the state insurance department what review is available."
        )
    return None


def external_review_decision_due(appeal: Appeal) -> Deadline:
    """When the independent review organization must decide (``appeal.submitted`` is the day it
    received the request, or the day it was sent when that is not known)."""
    start = appeal.submitted
    if appeal.expedited:
        due = hours_last_day(start, 72)
        return Deadline(
            kind=DeadlineKind.EXTERNAL_REVIEW_DECISION,
            due=due,
            rule_id="aca.external_review_decision.expedited",
            explain=f"An expedited external review is decided no more than 72 hours after the "
            f"reviewer receives the request: received {start.isoformat()}, so the decision is "
            f"due by the end of {due.isoformat()} at the latest. The decision binds the plan.",
            clock="72 hours from the reviewer's receipt of the request (counted from the start of "
            "that day)",
            source=auth.ACA_EXTERNAL_EXPEDITED,
            starts=start,
            ref=appeal.denial_id,
        )
    due = add_calendar_days(start, 45)
    return Deadline(
        kind=DeadlineKind.EXTERNAL_REVIEW_DECISION,
        due=due,
        rule_id="aca.external_review_decision.standard",
        explain=f"A standard external review is decided within 45 days of the reviewer receiving "
        f"the request: received {start.isoformat()}, so the decision is due by "
        f"{due.isoformat()}. The decision binds the plan.",
        clock="45 calendar days from the reviewer's receipt of the request",
        source=auth.ACA_EXTERNAL_STANDARD,
        starts=start,
        ref=appeal.denial_id,
    )


def _reason_note(reason: DenialReason | None) -> str:
    if reason is None:
        return (
            "External review covers medical-judgment denials (including medical necessity), "
            "experimental or investigational determinations and rescissions; check which this is."
        )
    if reason in _ELIGIBLE_REASONS:
        return "This kind of denial (medical judgment) is eligible for external review."
    return (
        "External review covers medical-judgment denials (including medical necessity), "
        "experimental or investigational determinations and rescissions; this denial's reason "
        "may not qualify, so ask the plan."
    )
