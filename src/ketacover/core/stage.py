"""Where a case stands in the journey, derived from its events (never kept by hand).

The stages follow the product's journey: intake, ready to submit, prior authorization pending,
approved, denied, appeal running, external review, paid. The latest decisive event wins.

Original Medicare has no prior authorization for these services: the contractor decides on the
claim the clinic must file (sourcebook cms-prior-authorization-programs and
ssa-1848-g-4-mandatory-claims), so such a case with its facts in is "ready to bill", not ready to
submit a request.
"""

from __future__ import annotations

from enum import StrEnum

from ketacover.core.model import (
    AppealLevel,
    AppealOutcome,
    Case,
    ClaimStatus,
    Decision,
    PayerCategory,
)


class Stage(StrEnum):
    """A case's place in the journey."""

    INTAKE = "intake"
    """Facts still being gathered (no plan or no treatment plan yet)."""
    READY = "ready"
    """The facts are in; nothing has been submitted yet."""
    READY_TO_BILL = "ready_to_bill"
    """Original Medicare with the facts in: no request goes first, the clinic bills the claim."""
    PA_PENDING = "pa_pending"
    """A prior-authorization request waits for the plan's decision."""
    APPROVED = "approved"
    """An approval is in force."""
    DENIED = "denied"
    """A denial was received and no appeal is running yet."""
    APPEAL = "appeal"
    """An internal appeal is running."""
    EXTERNAL_REVIEW = "external_review"
    """An external review is running."""
    PAID = "paid"
    """A claim was paid."""

    @property
    def label(self) -> str:
        """Plain-language name."""
        return _LABELS[self]


_LABELS = {
    Stage.INTAKE: "Intake",
    Stage.READY: "Ready to submit",
    Stage.READY_TO_BILL: "Ready to bill",
    Stage.PA_PENDING: "PA pending",
    Stage.APPROVED: "Approved",
    Stage.DENIED: "Denied",
    Stage.APPEAL: "Appeal running",
    Stage.EXTERNAL_REVIEW: "External review",
    Stage.PAID: "Paid",
}


def stage_of(case: Case) -> Stage:
    """The case's stage from its events: a running appeal or review first, then the latest of
    the prior-authorization decisions and denials, then paid claims, then how complete it is."""
    pending = [a for a in case.appeals if a.outcome is AppealOutcome.PENDING]
    if any(a.level is AppealLevel.EXTERNAL_REVIEW for a in pending):
        return Stage.EXTERNAL_REVIEW
    if pending:
        return Stage.APPEAL
    latest_denial = max((d.notice_date for d in case.denials), default=None)
    decisions = [(pa.decided or pa.submitted, pa.decision) for pa in case.prior_authorizations]
    latest_pa = max(decisions, default=None)
    if latest_denial is not None and (latest_pa is None or latest_denial >= latest_pa[0]):
        return Stage.DENIED
    if latest_pa is not None:
        decision = latest_pa[1]
        if decision is Decision.PENDING:
            return Stage.PA_PENDING
        if decision in (Decision.APPROVED, Decision.PARTIALLY_APPROVED):
            return Stage.APPROVED
        if decision is Decision.DENIED:
            return Stage.DENIED
    if any(c.status in (ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID) for c in case.claims):
        return Stage.PAID
    if case.plan is None or case.treatment_plan is None:
        return Stage.INTAKE
    if case.plan.category is PayerCategory.MEDICARE:
        return Stage.READY_TO_BILL
    return Stage.READY
