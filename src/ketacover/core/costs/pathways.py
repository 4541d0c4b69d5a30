"""What one payment pathway costs the patient for the planned course.

Each pathway of :class:`~ketacover.core.coverage.result.PathwayId` is priced from the treatment
plan (price, allowed amount, sessions, evaluation) and the plan's cost sharing, with the math of
:mod:`~ketacover.core.costs.share`, :mod:`~ketacover.core.costs.reimbursement` and
:mod:`~ketacover.core.costs.tax`. A figure that cannot be computed is None, and ``missing`` says
which fact would give it; nothing is filled in by guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ketacover.core.costs.amounts import ZERO, amount, count, missing, percent, usd
from ketacover.core.costs.price_ranges import evaluation_price_note, session_price_notes
from ketacover.core.costs.reimbursement import ChargeLine, superbill_reimbursement
from ketacover.core.costs.share import share_for_sessions
from ketacover.core.costs.tax import (
    HEALTH_FSA_LIMIT_2026,
    HEALTH_FSA_LIMIT_SOURCE,
    HSA_CATCH_UP_2026,
    HSA_FAMILY_LIMIT_2026,
    HSA_SELF_ONLY_LIMIT_2026,
    tax_saving,
)
from ketacover.core.costs.withme import withme_notes
from ketacover.core.coverage.result import PathwayId
from ketacover.core.model import CostShare, Plan, Treatment, TreatmentPlan, cents


@dataclass(frozen=True, slots=True)
class PathwayCost:
    """One pathway's cost to the patient over the course (and per session)."""

    pathway: PathwayId
    up_front: Decimal | None
    """What the patient pays when the care is given, for the whole course."""
    reimbursement: Decimal | None
    """What the plan later pays back to the patient (zero when the plan pays the clinic)."""
    net: Decimal | None
    """What the course costs the patient in the end: up front minus reimbursement."""
    per_session_net: Decimal | None
    """The net cost divided by the sessions (an average when an evaluation is included)."""
    hsa_saving: Decimal | None
    """Tax saved by paying the net cost from an HSA or FSA at the marginal rate."""
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CostInputs:
    """What the pathways are priced from, taken from the case and the caller.

    Build it with :meth:`checked`, which rejects negative amounts and counts up front so that
    errors name the case-file field.
    """

    treatment_plan: TreatmentPlan
    plan: Plan | None
    state: str | None
    """The patient's two-letter state, else the plan's."""
    marginal_tax_rate: Decimal | None
    """Percent, 24 means 24%."""
    account_limit: Decimal | None
    """The HSA or FSA limit that caps the saving, when known."""

    @property
    def sessions(self) -> int:
        return self.treatment_plan.sessions

    @classmethod
    def checked(
        cls,
        treatment_plan: TreatmentPlan,
        plan: Plan | None,
        *,
        state: str | None,
        marginal_tax_rate: Decimal | None,
        account_limit: Decimal | None,
    ) -> CostInputs:
        """The inputs, after checking every amount, count and rate the pathways use.

        Raises :class:`~ketacover.core.costs.amounts.CostInputError` naming the field.
        """
        count("treatment_plan.sessions", treatment_plan.sessions)
        for field, value in (
            ("price_per_session", treatment_plan.price_per_session),
            ("allowed_per_session", treatment_plan.allowed_per_session),
            ("evaluation_price", treatment_plan.evaluation_price),
        ):
            if value is not None:
                amount(f"treatment_plan.{field}", value)
        if marginal_tax_rate is not None:
            percent("marginal_tax_rate", marginal_tax_rate)
        if account_limit is not None:
            amount("account_limit", account_limit)
        return cls(treatment_plan, plan, state, marginal_tax_rate, account_limit)


_IN_NETWORK_PAID = (
    "In network the plan pays the clinic directly; nothing comes back to the patient."
)
_SELF_PAY_NOTHING_BACK = "Self-pay: nothing comes back from the plan."


def in_network_pa(pathway: PathwayId, inputs: CostInputs) -> PathwayCost:
    """Esketamine or IV ketamine approved through prior authorization, billed in network."""
    tp = inputs.treatment_plan
    gaps = list(_in_network_gaps(inputs.plan))
    notes = ["These amounts hold only if the prior authorization is approved."]
    if tp.allowed_per_session is None:
        gaps.append(
            missing(
                "treatment_plan.allowed_per_session",
                "ask the plan for its in-network allowed amount per session, or read it from an "
                "explanation of benefits",
            )
        )
    if pathway is PathwayId.ESKETAMINE_PA:
        category = None if inputs.plan is None else inputs.plan.category
        notes.extend(withme_notes(category=category, state=inputs.state, sessions=inputs.sessions))
    else:
        notes.append("IV ketamine coverage is rare; see the coverage assessment for this plan.")
    if gaps or tp.allowed_per_session is None:
        return _finish(pathway, inputs, up_front=None, reimbursement=ZERO, gaps=gaps, notes=notes)
    in_network = _in_network(inputs.plan)
    lines = [tp.allowed_per_session] * inputs.sessions
    if tp.evaluation_price is not None:
        lines.insert(0, tp.evaluation_price)
        notes.append(_evaluation_at_price(tp.evaluation_price))
    share = share_for_sessions(lines, in_network)
    notes.append(_IN_NETWORK_PAID)
    return _finish(
        pathway,
        inputs,
        up_front=share.patient_total,
        reimbursement=ZERO,
        gaps=[*gaps, *share.missing],
        notes=[*notes, *share.assumptions],
    )


def oon_reimbursement(inputs: CostInputs) -> PathwayCost:
    """Pay the clinic, then claim out-of-network reimbursement with a superbill."""
    pathway = PathwayId.OON_REIMBURSEMENT
    tp, plan = inputs.treatment_plan, inputs.plan
    gaps: list[str] = []
    notes: list[str] = []
    if tp.price_per_session is None:
        gaps.append(_price_gap())
        notes.extend(session_price_notes(tp.treatment))
    if plan is None:
        gaps.append(_plan_gap())
    if tp.price_per_session is None or plan is None:
        return _finish(pathway, inputs, up_front=None, reimbursement=None, gaps=gaps, notes=notes)
    lines = [ChargeLine(tp.price_per_session, tp.allowed_per_session)] * inputs.sessions
    if tp.evaluation_price is not None:
        lines.insert(0, ChargeLine(tp.evaluation_price, None, "evaluation"))
    paid = sum((cents(line.charge) for line in lines), ZERO)
    if plan.out_of_network_benefits is False:
        notes.append("The plan reports no out-of-network benefits: nothing comes back.")
        return _finish(pathway, inputs, up_front=paid, reimbursement=ZERO, gaps=gaps, notes=notes)
    if plan.out_of_network_benefits is None:
        gaps.append(
            missing(
                "plan.out_of_network_benefits",
                "ask the plan whether it pays anything out of network (the estimate assumes "
                "it does)",
            )
        )
    if tp.allowed_per_session is not None:
        notes.append(
            "treatment_plan.allowed_per_session is used as the out-of-network allowed amount; "
            "confirm with the plan that it is the out-of-network one."
        )
    result = superbill_reimbursement(lines, plan.out_of_network)
    best, worst = result.best_case_net, result.worst_case_net
    if result.net is None and best is not None and worst is not None:
        notes.append(f"Net cost between {usd(best)} (best case) and {usd(worst)}.")
    return _finish(
        pathway,
        inputs,
        up_front=result.paid_up_front,
        reimbursement=result.reimbursement,
        gaps=[*gaps, *result.missing],
        notes=[*notes, *result.assumptions],
    )


def hybrid_billing(inputs: CostInputs) -> PathwayCost:
    """An in-network clinician bills the evaluation; the patient pays for the ketamine sessions."""
    pathway = PathwayId.HYBRID_BILLING
    tp = inputs.treatment_plan
    gaps: list[str] = []
    notes = [
        "Psychotherapy billed in network on the same days (90833/90836/90838 with an E/M) is "
        "not priced here."
    ]
    if tp.price_per_session is None:
        gaps.append(_price_gap())
        notes.extend(session_price_notes(tp.treatment))
    evaluation_share: Decimal | None = ZERO
    if tp.evaluation_price is None:
        notes.append("No separate evaluation price is given: only the self-pay sessions count.")
    else:
        plan_gaps = _in_network_gaps(inputs.plan)
        gaps.extend(plan_gaps)
        if plan_gaps:
            evaluation_share = None
        else:
            share = share_for_sessions((tp.evaluation_price,), _in_network(inputs.plan))
            evaluation_share = share.patient_total
            gaps.extend(share.missing)
            notes.append(_evaluation_at_price(tp.evaluation_price))
            notes.extend(share.assumptions)
    if tp.price_per_session is None or evaluation_share is None:
        return _finish(pathway, inputs, up_front=None, reimbursement=ZERO, gaps=gaps, notes=notes)
    sessions_total = cents(tp.price_per_session) * inputs.sessions
    notes.insert(
        0,
        f"The sessions are self-pay: {inputs.sessions} × {usd(tp.price_per_session)} = "
        f"{usd(sessions_total)}.",
    )
    return _finish(
        pathway,
        inputs,
        up_front=sessions_total + evaluation_share,
        reimbursement=ZERO,
        gaps=gaps,
        notes=notes,
    )


def self_pay(inputs: CostInputs, *, plan_note: str | None = None) -> PathwayCost:
    """The clinic's price for the course, paid by the patient (HSA/FSA, payment plan, discounts)."""
    pathway = PathwayId.SELF_PAY
    tp = inputs.treatment_plan
    notes = [
        _SELF_PAY_NOTHING_BACK,
        "Ask the clinic about cash discounts and assistance programs.",
    ]
    if plan_note is not None:
        notes.append(plan_note)
    if tp.price_per_session is None:
        notes.extend(session_price_notes(tp.treatment))
        return _finish(
            pathway,
            inputs,
            up_front=None,
            reimbursement=ZERO,
            gaps=[_price_gap()],
            notes=notes,
        )
    total = cents(tp.price_per_session) * inputs.sessions
    if tp.evaluation_price is None:
        notes.append(evaluation_price_note())
    else:
        total += cents(tp.evaluation_price)
    return _finish(pathway, inputs, up_front=total, reimbursement=ZERO, gaps=[], notes=notes)


def clinical_trial(inputs: CostInputs) -> PathwayCost:
    """Treatment inside a clinical trial: what it costs is the trial's to say."""
    return _finish(
        PathwayId.CLINICAL_TRIAL,
        inputs,
        up_front=None,
        reimbursement=None,
        gaps=[
            missing(
                "clinical_trial.costs",
                "ask the trial team whether the study treatment is at no cost to the participant, "
                "and what visits, travel or the plan would pay",
            )
        ],
        notes=["What a trial charges is not on record here, and trial terms vary: ask the trial."],
    )


def _finish(
    pathway: PathwayId,
    inputs: CostInputs,
    *,
    up_front: Decimal | None,
    reimbursement: Decimal | None,
    gaps: list[str],
    notes: list[str],
) -> PathwayCost:
    """The pathway's figures completed: net, per-session net and the HSA/FSA saving."""
    net = None if up_front is None or reimbursement is None else up_front - reimbursement
    per_session = None if net is None or inputs.sessions == 0 else cents(net / inputs.sessions)
    saving: Decimal | None = None
    if net is not None:
        if inputs.marginal_tax_rate is None:
            gaps.append(_tax_rate_gap())
        else:
            saving = tax_saving(
                net, inputs.marginal_tax_rate, account_limit=inputs.account_limit
            ).saving
            if inputs.account_limit is None and net > HEALTH_FSA_LIMIT_2026:
                gaps.append(_account_limit_gap())
    return PathwayCost(
        pathway=pathway,
        up_front=up_front,
        reimbursement=reimbursement,
        net=net,
        per_session_net=per_session,
        hsa_saving=saving,
        missing=tuple(dict.fromkeys(gaps)),
        notes=tuple(dict.fromkeys(notes)),
    )


def _in_network_gaps(plan: Plan | None) -> tuple[str, ...]:
    if plan is None:
        return (_plan_gap(),)
    if plan.in_network is None:
        return (
            missing(
                "plan.in_network",
                "ask the plan for the in-network deductible, coinsurance or copay, and "
                "out-of-pocket maximum, with the amounts met so far",
            ),
        )
    return ()


def _in_network(plan: Plan | None) -> CostShare:
    # Only called once _in_network_gaps found nothing missing.
    assert plan is not None
    assert plan.in_network is not None
    return plan.in_network


def _evaluation_at_price(price: Decimal) -> str:
    return (
        f"The evaluation's in-network allowed amount is taken as the clinic's price "
        f"({usd(price)}); the plan's rate may be lower, so its share is at most what is shown."
    )


def _plan_gap() -> str:
    return missing("plan", "add the health plan and its cost sharing to the case")


def _price_gap() -> str:
    return missing(
        "treatment_plan.price_per_session", "ask the clinic for its self-pay price per session"
    )


def _account_limit_gap() -> str:
    return missing(
        "account_limit",
        "give the HSA or FSA limit to cap the saving, which assumes the whole net cost is paid "
        f"from the account (2026: HSA {usd(HSA_SELF_ONLY_LIMIT_2026)} self-only, "
        f"{usd(HSA_FAMILY_LIMIT_2026)} family, +{usd(HSA_CATCH_UP_2026)} at 55 or older; "
        f"health FSA {usd(HEALTH_FSA_LIMIT_2026)}{HEALTH_FSA_LIMIT_SOURCE.confidence.suffix})",
    )


def _tax_rate_gap() -> str:
    return missing(
        "marginal_tax_rate", "give the marginal tax rate (percent) to estimate the HSA/FSA saving"
    )


TREATMENT_PATHWAYS: Final[Mapping[Treatment, tuple[PathwayId, ...]]] = {
    Treatment.ESKETAMINE: (PathwayId.ESKETAMINE_PA, PathwayId.SELF_PAY, PathwayId.CLINICAL_TRIAL),
    Treatment.IV_KETAMINE: (
        PathwayId.IV_KETAMINE_PA,
        PathwayId.OON_REIMBURSEMENT,
        PathwayId.HYBRID_BILLING,
        PathwayId.SELF_PAY,
        PathwayId.CLINICAL_TRIAL,
    ),
    Treatment.IM_KETAMINE: (
        PathwayId.OON_REIMBURSEMENT,
        PathwayId.HYBRID_BILLING,
        PathwayId.SELF_PAY,
        PathwayId.CLINICAL_TRIAL,
    ),
}
"""The pathways priced for each treatment, in display order."""
