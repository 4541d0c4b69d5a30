"""The No Surprises Act's two dates on a self-pay case: the day the Good Faith Estimate must be
given by, and the last day of the patient's window to dispute a bill well above it.

- **Give the estimate** (45 CFR 149.610(b)(1)(vi)): within 1 or 3 business days of scheduling,
  or 3 business days of the patient's request
  (:func:`ketacover.core.billing.no_surprises.issue_by`).
  The deadline stays on the case until ``treatment_plan.estimate_given_on`` records it given.
- **Dispute the bill** (45 CFR 149.620): when the sessions given bill $400.00 or more above the
  clinic's total on the estimate, the patient may start patient-provider dispute resolution within
  120 calendar days of the bill. The window counts from ``treatment_plan.billed_on``; without it,
  from the last session given, the earliest day the bill can carry, and the explanation says so.
"""

from __future__ import annotations

from ketacover.core.billing.good_faith import billed, estimate, excess, is_self_pay
from ketacover.core.billing.no_surprises import DISPUTE, DISPUTE_DAYS, issue_by
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Case

GIVE_REF = "good-faith-estimate"
"""The ref of the case's Good Faith Estimate deadline (one per case)."""
DISPUTE_REF = "good-faith-dispute"
"""The ref of the case's dispute-window deadline (one per case)."""


def estimate_due(case: Case) -> Deadline | None:
    """The last day to give a self-pay patient the Good Faith Estimate; None when the case is
    not self-pay, the estimate has been given, or neither a scheduling nor a request date is
    known."""
    plan = case.treatment_plan
    if plan is None or not is_self_pay(case) or plan.estimate_given_on is not None:
        return None
    service = plan.start or plan.estimate_requested_on
    if service is None:
        return None
    found = issue_by(
        service=service,
        scheduled=plan.scheduled_on if plan.start is not None else None,
        requested=plan.estimate_requested_on,
    )
    if found is None:
        return None
    return Deadline(
        kind=DeadlineKind.GOOD_FAITH_ESTIMATE,
        due=found.due,
        rule_id="nsa.good_faith_estimate",
        explain=f"Give the patient the Good Faith Estimate by {found.due.isoformat()} "
        f"({found.rule}). Once it is given, record the day to close this.",
        clock=found.rule,
        source=found.source,
        starts=found.starts,
        ref=GIVE_REF,
    )


def dispute_window(case: Case) -> Deadline | None:
    """The last day the patient may start dispute resolution over a bill $400.00 or more above
    the estimate; None when the case is not self-pay, nothing was given since the estimate's
    first date, the bill is within $400.00 of it, or the estimate or bill cannot be priced."""
    plan = case.treatment_plan
    if plan is None or not is_self_pay(case):
        return None
    try:
        found = estimate(case)
        amount = billed(case, found)
    except MissingFactsError:
        return None
    if amount is None:
        return None
    given = max(s.on for s in case.sessions if s.on >= found.service_dates[0])
    bill_date = plan.billed_on or given
    over = excess(found.providers[0], amount, bill_date=bill_date)
    if over is None or over.dispute_by is None:
        return None
    counted = (
        f"the bill dated {bill_date.isoformat()}"
        if plan.billed_on is not None
        else f"the last session given, {given.isoformat()} (the bill's own date, once recorded, "
        "may give a later day)"
    )
    return Deadline(
        kind=DeadlineKind.GOOD_FAITH_DISPUTE,
        due=over.dispute_by,
        rule_id="nsa.patient_provider_dispute",
        explain=f"The sessions given bill ${over.billed:,.2f}, ${over.over:,.2f} more than the "
        f"${over.estimated:,.2f} on the Good Faith Estimate. The patient may dispute the bill "
        f"until {over.dispute_by.isoformat()}, {DISPUTE_DAYS} days after {counted}.",
        clock=f"{DISPUTE_DAYS} calendar days after the date on the bill",
        source=DISPUTE,
        starts=bill_date,
        ref=DISPUTE_REF,
    )
