"""The timely-filing limit of the clinic's claims that are not sent yet, as one deadline a case.

A date of service whose claim has not been sent (no claim recorded on the case for it, or one
still a draft) must be filed by the plan's limit: 12 months after the date of service for
Original Medicare (42 CFR 424.44(a)(1)), the plan's own limit for others when the case gives it
(``plan.timely_filing_days``); :func:`ketacover.core.billing.filing_limit`. The case gets one
deadline, the earliest of its unsent dates of service, so that a course of sessions is one item
in the work queue, not one per session.
"""

from __future__ import annotations

from datetime import date

from ketacover.core.billing.filing import MEDICARE_FILING, filing_limit
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.model import Case, ClaimStatus

REF = "claim-filing"
"""The ref of the case's claim-filing deadline (one per case)."""


def _sent(case: Case, on: date) -> bool:
    return any(
        claim.service_from <= on <= (claim.service_to or claim.service_from)
        and claim.status is not ClaimStatus.DRAFT
        for claim in case.claims
    )


def claim_filing_due(case: Case) -> Deadline | None:
    """The last day to file the earliest claim not sent yet; None when every date of service
    has a claim sent, or the plan's limit is not known (or there is no plan)."""
    unsent = sorted({s.on for s in case.sessions if not _sent(case, s.on)})
    limits = [(on, filing_limit(case.plan, on)) for on in unsent]
    known = [(on, limit) for on, limit in limits if limit is not None]
    if not known:
        return None
    on, limit = known[0]
    medicare = limit.source is MEDICARE_FILING
    count = len(known)
    more = (
        "" if count == 1 else f" ({count} dates of service are not filed yet; this is the earliest)"
    )
    clock = (
        "12 months after the date of service"
        if medicare
        else f"{(limit.last_day - on).days} days after the date of service, as the plan states"
    )
    return Deadline(
        kind=DeadlineKind.CLAIM_FILING,
        due=limit.last_day,
        rule_id="medicare.claim_filing" if medicare else "plan.claim_filing",
        explain=f"File the claim for the session of {on.isoformat()} by "
        f"{limit.last_day.isoformat()}: the plan can deny a claim filed after its limit{more}.",
        clock=clock,
        source=limit.source,
        starts=on,
        ref=REF,
    )
