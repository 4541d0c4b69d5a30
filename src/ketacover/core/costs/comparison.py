"""The side-by-side cost comparison of a case's payment pathways (product brief, step 8).

For each pathway that applies to the case's treatment, :func:`case_costs` gives what the patient
pays up front, what comes back, the net cost per course and per session, and the HSA/FSA saving,
with notes and the facts still missing; plus the self-pay payment-plan schedule when a term in
months is given. Pathways whose net cost cannot be computed are listed but not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ketacover.core.costs.amounts import missing, percent, usd
from ketacover.core.costs.pathways import (
    TREATMENT_PATHWAYS,
    CostInputs,
    PathwayCost,
    clinical_trial,
    hybrid_billing,
    in_network_pa,
    oon_reimbursement,
    self_pay,
)
from ketacover.core.costs.payment_plan import Installment, PaymentPlan, amortization_schedule
from ketacover.core.costs.tax import account_notes
from ketacover.core.coverage.result import PathwayId
from ketacover.core.model import Case, TreatmentPlan

__all__ = ["CostComparison", "PathwayCost", "case_costs", "cheapest"]


@dataclass(frozen=True, slots=True)
class CostComparison:
    """What each applicable pathway costs the patient, the cheapest one, and a payment plan."""

    case_id: str
    pathways: tuple[PathwayCost, ...]
    cheapest: PathwayId | None
    """The pathway with the lowest net cost among those with one (ties go to the first listed)."""
    payment_plan: tuple[Installment, ...]
    """The self-pay course financed monthly; empty unless a term in months was given."""
    missing: tuple[str, ...] = ()
    """Facts the comparison as a whole needs (the treatment plan, the payment plan's terms)."""
    notes: tuple[str, ...] = ()

    def pathway(self, pathway: PathwayId) -> PathwayCost:
        """The cost of one pathway; raises KeyError if it does not apply to this case."""
        for item in self.pathways:
            if item.pathway is pathway:
                return item
        raise KeyError(pathway)


def case_costs(
    case: Case,
    *,
    marginal_tax_rate: Decimal | None = None,
    plan_months: int | None = None,
    plan_apr: Decimal | None = None,
    plan_first_due: date | None = None,
    account_limit: Decimal | None = None,
) -> CostComparison:
    """Price every pathway that applies to the case's treatment plan.

    ``marginal_tax_rate`` and ``plan_apr`` are percents (24 means 24%). ``plan_first_due`` is the
    first payment date; it defaults to the treatment plan's start. ``account_limit`` caps the
    HSA/FSA saving (see :func:`ketacover.core.costs.tax.limit_2026`).
    """
    tp = case.treatment_plan
    if tp is None:
        return CostComparison(
            case_id=case.id,
            pathways=(),
            cheapest=None,
            payment_plan=(),
            missing=(missing("treatment_plan", "add the planned treatment, sessions and prices"),),
        )
    address = case.patient.address
    state = address.state if address is not None else None
    if state is None and case.plan is not None:
        state = case.plan.state
    inputs = CostInputs.checked(
        tp,
        case.plan,
        state=state,
        marginal_tax_rate=marginal_tax_rate,
        account_limit=account_limit,
    )
    if plan_apr is not None:
        percent("plan_apr", plan_apr)
    gaps: list[str] = []
    schedule: PaymentPlan | None = None
    if plan_months is not None:
        schedule = _schedule(tp, inputs, plan_months, plan_apr, plan_first_due, gaps)
    costs = tuple(_price(pathway, inputs, schedule) for pathway in TREATMENT_PATHWAYS[tp.treatment])
    notes: tuple[str, ...] = ()
    if marginal_tax_rate is not None:
        notes = account_notes(account_limit)
    return CostComparison(
        case_id=case.id,
        pathways=costs,
        cheapest=cheapest(costs),
        payment_plan=() if schedule is None else schedule.installments,
        missing=tuple(gaps),
        notes=notes,
    )


def cheapest(costs: tuple[PathwayCost, ...]) -> PathwayId | None:
    """The pathway with the lowest known net cost; None when no net cost is known."""
    known = [
        (cost.net, order, cost.pathway) for order, cost in enumerate(costs) if cost.net is not None
    ]
    return min(known)[2] if known else None


def _price(pathway: PathwayId, inputs: CostInputs, schedule: PaymentPlan | None) -> PathwayCost:
    if pathway in (PathwayId.ESKETAMINE_PA, PathwayId.IV_KETAMINE_PA):
        return in_network_pa(pathway, inputs)
    if pathway is PathwayId.OON_REIMBURSEMENT:
        return oon_reimbursement(inputs)
    if pathway is PathwayId.HYBRID_BILLING:
        return hybrid_billing(inputs)
    if pathway is PathwayId.SELF_PAY:
        return self_pay(inputs, plan_note=None if schedule is None else _describe(schedule))
    return clinical_trial(inputs)


def _schedule(
    tp: TreatmentPlan,
    inputs: CostInputs,
    months: int,
    apr: Decimal | None,
    first_due: date | None,
    gaps: list[str],
) -> PaymentPlan | None:
    principal = self_pay(inputs).up_front
    first = first_due if first_due is not None else tp.start
    if principal is None:
        gaps.append(
            missing(
                "treatment_plan.price_per_session",
                "ask the clinic for its self-pay price to build a payment plan",
            )
        )
    if apr is None:
        gaps.append(missing("plan_apr", "ask the clinic or lender for the payment plan's APR"))
    if first is None:
        gaps.append(
            missing(
                "plan_first_due",
                "give the first payment date (or the planned first session, treatment_plan.start)",
            )
        )
    if principal is None or apr is None or first is None:
        return None
    return amortization_schedule(principal, apr, months, first)


def _describe(schedule: PaymentPlan) -> str:
    first, last = schedule.installments[0], schedule.installments[-1]
    return (
        f"Payment plan: {schedule.months} monthly payments of {usd(first.payment)} from "
        f"{first.due.isoformat()} (last {usd(last.payment)} on {last.due.isoformat()}) at "
        f"{schedule.apr_percent}% APR; total interest {usd(schedule.total_interest)}, total paid "
        f"{usd(schedule.total_paid)}."
    )
